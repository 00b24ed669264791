#include <svcagent/section.hpp>

#include <stdexcept>

namespace svcagent {

namespace {
[[noreturn]] void mismatch(const ResolvedSection& s, std::string_view key, std::string_view expected) {
    throw std::logic_error(s.rid + "." + std::string{key} + ": value is not a " + std::string{expected} +
                           " (schema and driver disagree)");
}
}  // namespace

const Value* ResolvedSection::find(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
}

bool ResolvedSection::is_set(std::string_view key) const {
    const Value* v = find(key);
    return v != nullptr && v->is_set;
}

std::optional<std::string> ResolvedSection::get_string(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || std::holds_alternative<std::monostate>(v->data)) {
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(&v->data)) {
        return *s;
    }
    return v->text;  // sizes in bytes, numbers: their text
}

std::optional<bool> ResolvedSection::get_bool(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || std::holds_alternative<std::monostate>(v->data)) {
        return std::nullopt;
    }
    if (const auto* b = std::get_if<bool>(&v->data)) {
        return *b;
    }
    mismatch(*this, key, "boolean");
}

std::optional<std::int64_t> ResolvedSection::get_int(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || std::holds_alternative<std::monostate>(v->data)) {
        return std::nullopt;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v->data)) {
        return *i;
    }
    if (const auto* d = std::get_if<double>(&v->data)) {
        return static_cast<std::int64_t>(*d);
    }
    mismatch(*this, key, "integer");
}

std::optional<std::chrono::seconds> ResolvedSection::get_duration(std::string_view key) const {
    const auto i = get_int(key);
    return i ? std::optional<std::chrono::seconds>{std::chrono::seconds{*i}} : std::nullopt;
}

std::vector<std::string> ResolvedSection::get_list(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || std::holds_alternative<std::monostate>(v->data)) {
        return {};
    }
    if (const auto* list = std::get_if<std::vector<std::string>>(&v->data)) {
        return *list;
    }
    if (const auto* s = std::get_if<std::string>(&v->data)) {
        return s->empty() ? std::vector<std::string>{} : std::vector<std::string>{*s};
    }
    mismatch(*this, key, "list");
}

Origin ResolvedSection::origin(std::string_view key) const {
    const Value* v = find(key);
    return v != nullptr && v->is_set ? v->where : where;
}

ConfigError ResolvedSection::error(std::string_view key, std::string_view message) const {
    return ConfigError(origin(key), rid + "." + std::string{key} + ": " + std::string{message});
}

}  // namespace svcagent
