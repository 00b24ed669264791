#include "app_resource.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::app {
namespace {

bool is_integer(std::string_view text) {
    const auto digits = text.substr(!text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0);
    return !digits.empty() &&
           std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string elapsed_text(std::chrono::milliseconds elapsed) {
    const auto ms = elapsed.count();
    return fmt::format("{}:{:02}:{:02}.{:03}", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000);
}

std::string verb_of(std::string_view which) { return which == "check" ? "status" : std::string(which); }

}  // namespace

std::vector<std::string> split_shlex(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            const auto end = text.find(c, i + 1);
            if (end == std::string_view::npos) {
                throw std::invalid_argument("unterminated quote");
            }
            for (std::size_t k = i + 1; k < end; ++k) {
                if (c == '"' && text[k] == '\\' && k + 1 < end && (text[k + 1] == '"' || text[k + 1] == '\\')) {
                    ++k;
                }
                word += text[k];
            }
            i = end;
            in_word = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            in_word = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

std::optional<std::vector<std::string>> command_words(const std::optional<std::string>& value,
                                                      const std::optional<std::string>& script,
                                                      std::string_view verb) {
    if (!value || value->empty() || *value == "false") {
        return std::nullopt;
    }
    if (*value == "true" || is_integer(*value)) {
        if (!script) {
            return std::nullopt;
        }
        return std::vector<std::string>{*script, std::string(verb)};
    }
    auto words = split_shlex(*value);
    if (words.empty()) {
        return std::nullopt;
    }
    return words;
}

std::string AppResource::label() const {
    if (m_config.script) {
        const std::filesystem::path script(*m_config.script);
        const auto shown = script.is_absolute() || m_config.label_dir.empty() ? script : m_config.label_dir / script;
        return m_config.type + " " + shown.string();
    }
    if (m_config.start) {
        return m_config.type + " " + *m_config.start;
    }
    return m_config.type;
}

std::optional<std::vector<std::string>> AppResource::resolve(const NodeInfo& node, std::string_view which) const {
    const auto& value = which == "start"   ? m_config.start
                        : which == "stop"  ? m_config.stop
                        : which == "check" ? m_config.check
                                           : m_config.info;
    auto argv = command_words(value, m_config.script, verb_of(which));
    if (!argv) {
        return std::nullopt;
    }
    const auto dir = node.paths.etc / (m_config.service + ".d");
    std::filesystem::path first((*argv)[0]);
    const bool from_script = m_config.script && (*argv)[0] == *m_config.script;
    const bool relative_path = first.is_relative() && (*argv)[0].find('/') != std::string::npos;
    if (first.is_relative() && (from_script || relative_path || std::filesystem::exists(dir / first))) {
        first = dir / first;
    }
    if (first.is_absolute()) {
        std::error_code ec;
        if (!std::filesystem::exists(first, ec)) {
            throw ResourceError(m_config.rid, fmt::format("{} does not exist", first.string()));
        }
        if (::access(first.c_str(), X_OK) != 0) {
            throw ResourceError(m_config.rid, fmt::format("{} is not executable", first.string()));
        }
        (*argv)[0] = first.string();
    }
    return argv;
}

std::vector<std::pair<std::string, std::string>> AppResource::child_env(const ActionOptions& options,
                                                                        std::string_view action) const {
    std::vector<std::pair<std::string, std::string>> env = options.env;
    for (const auto& word : m_config.environment) {
        const auto eq = word.find('=');
        if (eq != std::string::npos && eq > 0) {
            env.emplace_back(word.substr(0, eq), word.substr(eq + 1));
        }
    }
    env.emplace_back("OPENSVC_SVCNAME", m_config.service);
    env.emplace_back("OPENSVC_SVC_ID", m_config.svc_id);
    env.emplace_back("OPENSVC_ACTION", std::string(action));
    env.emplace_back("OPENSVC_RID", m_config.rid);
    const std::string user = m_config.user.value_or("root");
    std::string home = user == "root" ? "/root" : "/home/" + user;
    if (const passwd* pw = ::getpwnam(user.c_str()); pw != nullptr && pw->pw_dir != nullptr) {  // NOLINT(concurrency-mt-unsafe)
        home = pw->pw_dir;
    }
    env.emplace_back("HOME", home);
    env.emplace_back("USER", user);
    env.emplace_back("LOGNAME", user);
    return env;
}

std::vector<std::string> AppResource::as_user(std::vector<std::string> argv) const {
    if (!m_config.user && !m_config.group) {
        return argv;
    }
    std::vector<std::string> out{"runuser", "-u", m_config.user.value_or("root")};
    if (m_config.group) {
        out.insert(out.end(), {"-g", *m_config.group});
    }
    out.emplace_back("--");
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

StatusReport AppResource::run_check(ActionContext& ctx, const std::vector<std::string>& argv) {
    Command cmd{.argv = as_user(argv), .timeout = m_config.check_timeout};
    cmd.env = child_env(ctx.options, "status");
    cmd.cwd = m_config.cwd;
    cmd.effect = Effect::probe;
    const auto result = ctx.runner.run(cmd, ctx.log);
    StatusReport report;
    if (m_config.status_log) {
        for (const auto& text : {std::pair{result.out, true}, std::pair{result.err, false}}) {
            std::size_t start = 0;
            while (start < text.first.size()) {
                const auto end = std::min(text.first.find('\n', start), text.first.size());
                if (end > start) {
                    const auto line = text.first.substr(start, end - start);
                    text.second ? report.info_line(line) : report.warn(line);
                }
                start = end + 1;
            }
        }
    }
    if (result.timed_out) {
        report.status = Status::warn;
        report.warn("check timed out");
    } else if (result.ok()) {
        report.status = Status::up;
    } else if (result.exit_code == 1) {
        report.status = Status::down;
    } else if (result.exit_code == 127 || result.exit_code == 126) {
        report.status = Status::warn;
        report.warn(result.err.empty() ? fmt::format("cannot execute {}", argv[0]) : result.err);
    } else {
        report.status = Status::warn;
        report.warn(fmt::format("check reports errors ({})", result.term_signal != 0 ? -result.term_signal : result.exit_code));
    }
    return report;
}

StatusReport AppResource::status(ActionContext& ctx) {
    std::optional<std::vector<std::string>> argv;
    try {
        argv = resolve(ctx.node, "check");
    } catch (const ResourceError& e) {
        StatusReport report;
        report.status = Status::warn;
        report.warn(e.what());
        return report;
    }
    if (!argv) {
        if (m_config.type == "simple") {
            return simple_pid_status(ctx);
        }
        StatusReport report;
        report.status = Status::na;
        report.info_line("check is not set");
        return report;
    }
    return run_check(ctx, *argv);
}

// up/down when the check can tell; nullopt when it cannot (no check, errors).
std::optional<Status> AppResource::quick_check(ActionContext& ctx) {
    const auto report = status(ctx);
    if (report.status == Status::up || report.status == Status::down) {
        return report.status;
    }
    return std::nullopt;
}

bool AppResource::start(ActionContext& ctx) {
    const auto argv = resolve(ctx.node, "start");
    if (!argv) {
        ctx.log.debug("no start command: nothing to do");
        return false;
    }
    if (quick_check(ctx) == Status::up) {
        ctx.log.info("{} is already started", label());
        return false;
    }
    if (m_config.type == "simple") {
        return start_simple(ctx, *argv);
    }
    ctx.log.info("exec {} as user {}", display_argv(*argv), m_config.user.value_or("root"));
    Command cmd{.argv = as_user(*argv), .timeout = m_config.start_timeout};
    cmd.env = child_env(ctx.options, "start");
    cmd.cwd = m_config.cwd;
    const auto result = ctx.runner.run(cmd, ctx.log);
    if (result.timed_out) {
        throw ResourceError(m_config.rid, fmt::format("timeout exceeded ({}s): {}",
                                                      m_config.start_timeout.count() / 1000, display_argv(*argv)));
    }
    if (!ctx.options.dry_run) {
        ctx.log.info("start done in {} - ret {}", elapsed_text(result.elapsed), result.exit_code);
    }
    if (!result.ok()) {
        throw ResourceError(m_config.rid, fmt::format("exit code {}", result.exit_code));
    }
    return true;
}

bool AppResource::stop(ActionContext& ctx) {
    const auto argv = resolve(ctx.node, "stop");
    if (!argv && m_config.type != "simple") {
        ctx.log.debug("no stop command: nothing to do");
        return false;
    }
    if (quick_check(ctx) == Status::down) {
        ctx.log.info("{} is already stopped", label());
        return false;
    }
    if (!argv) {
        return stop_simple(ctx);
    }
    Command cmd{.argv = as_user(*argv), .timeout = m_config.stop_timeout};
    cmd.env = child_env(ctx.options, "stop");
    cmd.cwd = m_config.cwd;
    const auto result = ctx.runner.run(cmd, ctx.log);
    if (result.timed_out) {
        throw ResourceError(m_config.rid, fmt::format("timeout exceeded ({}s): {}",
                                                      m_config.stop_timeout.count() / 1000, display_argv(*argv)));
    }
    if (!result.ok()) {
        throw ResourceError(m_config.rid, fmt::format("exit code {}", result.exit_code));
    }
    return true;
}

std::optional<StatusReport> app_status_override(std::optional<Status> others,
                                                const std::optional<std::string>& running_action) {
    StatusReport report;
    report.status = Status::na;
    if (others && *others != Status::up && *others != Status::na) {
        report.info_line("not evaluated (instance not up)");
        return report;
    }
    if (running_action) {
        report.info_line(*running_action + " in progress");
        return report;
    }
    return std::nullopt;
}

std::unique_ptr<Resource> make_app(const ResolvedSection& section) {
    AppConfig config;
    config.service = section.service;
    config.rid = section.rid;
    config.type = section.type;
    config.script = section.get_string("script");
    config.start = section.get_string("start");
    config.stop = section.get_string("stop");
    config.check = section.get_string("check");
    config.info = section.get_string("info");
    for (const auto* key : {"start", "stop", "check", "info"}) {
        try {
            (void)command_words(section.get_string(key), config.script, key);
        } catch (const std::invalid_argument& e) {
            throw section.error(key, e.what());
        }
    }
    const auto timeout = section.get_duration("timeout").value_or(std::chrono::hours{1});
    config.start_timeout = section.get_duration("start_timeout").value_or(timeout);
    config.stop_timeout = section.get_duration("stop_timeout").value_or(timeout);
    config.check_timeout = section.get_duration("check_timeout").value_or(std::chrono::seconds{60});
    config.info_timeout = section.get_duration("info_timeout").value_or(std::chrono::seconds{60});
    config.user = section.get_string("user");
    config.group = section.get_string("group");
    config.cwd = section.get_string("cwd").value_or("/");
    config.environment = section.get_list("environment");
    config.status_log = section.flag("status_log");
    if (const std::filesystem::path file(section.where.file); file.is_absolute()) {
        config.label_dir = file.parent_path() / (section.service + ".d");
    }
    return std::make_unique<AppResource>(std::move(config));
}

}  // namespace svcagent::drivers::app
