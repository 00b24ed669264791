// Text of the keyword enums of <svcagent/keyword.hpp>, as print keywords and docs show them.

#include <svcagent/keyword.hpp>

namespace svcagent {

std::string_view to_text(ValueType type) noexcept {
    switch (type) {
    case ValueType::string:
        return "string";
    case ValueType::lower:
        return "lower";
    case ValueType::boolean:
        return "boolean";
    case ValueType::integer:
        return "integer";
    case ValueType::size:
        return "size";
    case ValueType::duration:
        return "duration";
    case ValueType::list:
        return "list";
    case ValueType::list_lower:
        return "list_lower";
    case ValueType::list_comma:
        return "list_comma";
    case ValueType::set:
        return "set";
    case ValueType::schedule:
        return "schedule";
    case ValueType::shlex:
        return "shlex";
    }
    return "string";
}

std::string_view to_text(Inherit inherit) noexcept {
    switch (inherit) {
    case Inherit::leaf:
        return "leaf";
    case Inherit::head:
        return "head";
    case Inherit::leaf_head:
        return "leaf > head";
    }
    return "leaf";
}

}  // namespace svcagent
