// Typed accessors of ResolvedSection (include/svcagent/section.hpp).
#include <stdexcept>

#include <fmt/format.h>

#include <svcagent/section.hpp>

namespace svcagent {

namespace {

template <typename T>
const T* typed(const ResolvedSection& section, std::string_view key, const char* type_name) {
    const Value* value = section.find(key);
    if (value == nullptr || std::holds_alternative<std::monostate>(value->data)) {
        return nullptr;
    }
    const T* data = std::get_if<T>(&value->data);
    if (data == nullptr) {
        throw std::logic_error(fmt::format("{}.{}: keyword value is not a {}", section.rid, key, type_name));
    }
    return data;
}

}  // namespace

const Value* ResolvedSection::find(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
}

bool ResolvedSection::is_set(std::string_view key) const {
    const Value* value = find(key);
    return value != nullptr && value->is_set;
}

std::optional<std::string> ResolvedSection::get_string(std::string_view key) const {
    const auto* data = typed<std::string>(*this, key, "string");
    return data == nullptr ? std::nullopt : std::optional<std::string>{*data};
}

std::optional<bool> ResolvedSection::get_bool(std::string_view key) const {
    const auto* data = typed<bool>(*this, key, "boolean");
    return data == nullptr ? std::nullopt : std::optional<bool>{*data};
}

std::optional<std::int64_t> ResolvedSection::get_int(std::string_view key) const {
    const auto* data = typed<std::int64_t>(*this, key, "integer");
    return data == nullptr ? std::nullopt : std::optional<std::int64_t>{*data};
}

std::optional<std::chrono::seconds> ResolvedSection::get_duration(std::string_view key) const {
    const auto* data = typed<std::int64_t>(*this, key, "duration");
    return data == nullptr ? std::nullopt : std::optional<std::chrono::seconds>{std::chrono::seconds{*data}};
}

std::vector<std::string> ResolvedSection::get_list(std::string_view key) const {
    const auto* data = typed<std::vector<std::string>>(*this, key, "list");
    return data == nullptr ? std::vector<std::string>{} : *data;
}

Origin ResolvedSection::origin(std::string_view key) const {
    const Value* value = find(key);
    return value != nullptr && value->is_set ? value->where : where;
}

ConfigError ResolvedSection::error(std::string_view key, std::string_view message) const {
    return ConfigError(origin(key), fmt::format("{}.{}: {}", rid, key, message));
}

}  // namespace svcagent
