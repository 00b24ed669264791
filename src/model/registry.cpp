#include <svcagent/registry.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace svcagent {

void DriverRegistry::add(const DriverSpec& spec) {
    if (find(spec.group, spec.type) != nullptr) {
        throw std::logic_error("driver " + std::string{spec.group} + "." + std::string{spec.type} +
                               " registered twice");
    }
    const auto pos = std::lower_bound(m_specs.begin(), m_specs.end(), spec, [](const auto& a, const auto& b) {
        return std::pair{a.group, a.type} < std::pair{b.group, b.type};
    });
    m_specs.insert(pos, spec);
}

const DriverSpec* DriverRegistry::find(std::string_view group, std::string_view type) const {
    const auto it = std::find_if(m_specs.begin(), m_specs.end(),
                                 [&](const DriverSpec& s) { return s.group == group && s.type == type; });
    return it == m_specs.end() ? nullptr : &*it;
}

}  // namespace svcagent
