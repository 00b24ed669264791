#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <svcagent/error.hpp>

#include "exec/probe_parsers.hpp"
#include "util/strings.hpp"

namespace svcagent::exec {

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

template <typename Int> Int int_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<Int>() : Int{};
}

const json& child(const json& object, const char* key) {
    static const json k_empty = json::object();
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : k_empty;
}

// Each non-blank line is one JSON object.
std::vector<json> parse_lines(std::string_view text, std::string_view probe) {
    std::vector<json> objects;
    int number = 0;
    for (const auto& line : util::split_lines(text)) {
        ++number;
        if (util::trim(line).empty()) {
            continue;
        }
        try {
            objects.push_back(json::parse(line));
        } catch (const json::exception& e) {
            throw Error(fmt::format("{}: line {}: invalid JSON: {}", probe, number, e.what()));
        }
        if (!objects.back().is_object()) {
            throw Error(fmt::format("{}: line {}: expected a JSON object", probe, number));
        }
    }
    return objects;
}

}  // namespace

std::vector<DockerPsEntry> parse_docker_ps(std::string_view json_lines) {
    std::vector<DockerPsEntry> entries;
    for (const auto& object : parse_lines(json_lines, "docker ps")) {
        entries.push_back({.id = text_of(object, "ID"),
                           .names = util::split_trimmed(text_of(object, "Names"), ','),
                           .image = text_of(object, "Image"),
                           .state = text_of(object, "State")});
    }
    return entries;
}

std::vector<ContainerInfo> parse_docker_inspect(std::string_view text) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        throw Error(fmt::format("docker inspect: invalid JSON: {}", e.what()));
    }
    if (!doc.is_array()) {
        throw Error("docker inspect: expected a JSON array");
    }
    std::vector<ContainerInfo> containers;
    for (const auto& object : doc) {
        const json& state = child(object, "State");
        std::string name = text_of(object, "Name");
        if (!name.empty() && name.front() == '/') {
            name.erase(0, 1);
        }
        const auto running = state.find("Running");
        containers.push_back(
            {.id = text_of(object, "Id"),
             .name = std::move(name),
             .image = text_of(child(object, "Config"), "Image"),
             .image_id = text_of(object, "Image"),
             .state = text_of(state, "Status"),
             .running = running != state.end() && running->is_boolean() && running->get<bool>(),
             .exit_code = int_of<int>(state, "ExitCode"),
             .error = text_of(state, "Error"),
             .pid = int_of<pid_t>(state, "Pid"),
             .health = text_of(child(state, "Health"), "Status"),
             .sandbox_key = text_of(child(object, "NetworkSettings"), "SandboxKey")});
    }
    return containers;
}

ImageTable parse_docker_images(std::string_view json_lines) {
    ImageTable table;
    for (const auto& object : parse_lines(json_lines, "docker images")) {
        table.images.push_back({.repository = text_of(object, "Repository"),
                                .tag = text_of(object, "Tag"),
                                .id = text_of(object, "ID")});
    }
    return table;
}

}  // namespace svcagent::exec
