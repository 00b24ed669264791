#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <boost/program_options.hpp>

#include <svcagent/error.hpp>

namespace po = boost::program_options;

namespace svcagent::cli {

namespace {

Persona persona_of(std::string_view name) {
    if (name == "svcmgr") {
        return Persona::svcmgr;
    }
    if (name == "nodemgr") {
        return Persona::nodemgr;
    }
    if (name == "svcmon") {
        return Persona::svcmon;
    }
    if (name == "om" || name == "svcagent") {
        return Persona::om;
    }
    return Persona::launcher;
}

po::options_description describe_options(Options& o) {
    po::options_description desc("options");
    desc.add_options()
        ("help,h", po::bool_switch(&o.help), "print this help")
        ("service,s", po::value<std::string>(), "services: comma list of names and globs")
        ("rid", po::value<std::vector<std::string>>(&o.rid)->composing(), "resource ids, groups or group.type")
        ("tags", po::value<std::vector<std::string>>(&o.tags)->composing(), "tag expression: a+b,c")
        ("subsets", po::value<std::vector<std::string>>(&o.subsets)->composing(), "subset names")
        ("force,f", po::bool_switch(&o.force), "override a safety refusal a human has checked")
        ("confirm", po::bool_switch(&o.confirm), "allow steps that destroy data")
        ("local", po::bool_switch(&o.local), "act on this node only (default)")
        ("cluster,c", po::bool_switch(&o.cluster), "run on every node of the service")
        ("waitlock", po::value<std::string>(), "lock wait duration (default DEFAULT.lock_timeout)")
        ("dry-run", po::bool_switch(&o.dry_run), "print the plan, change nothing")
        ("env", po::value<std::vector<std::string>>()->composing(), "key=value: {env.key} override")
        ("disable-rollback", po::bool_switch(&o.disable_rollback), "do not roll back a failed start")
        ("refresh", po::bool_switch(&o.refresh), "re-evaluate the status")
        ("format", po::value<std::string>(), "tree, classic or json")
        ("color", po::value<std::string>(&o.color), "auto, yes or no")
        ("hide-disabled", po::bool_switch(&o.hide_disabled), "hide disabled resources")
        ("show-disabled", po::bool_switch(&o.show_disabled), "show disabled resources")
        ("to", po::value<std::string>(), "destination node")
        ("from", po::value<std::string>(), "source node")
        ("kw", po::value<std::vector<std::string>>(&o.kw)->composing(), "keyword expression (repeatable)")
        ("param", po::value<std::string>(), "legacy: keyword")
        ("value", po::value<std::string>(), "legacy: value")
        ("eval", po::bool_switch(&o.eval), "evaluated values")
        ("config", po::value<std::string>(), "input file, - for stdin")
        ("envfile", po::value<std::string>(), "legacy install input file")
        ("no-provision", po::bool_switch(&o.no_provision), "deploy: do not provision")
        ("no-start", po::bool_switch(&o.no_start), "deploy: do not start")
        ("follower", po::bool_switch(&o.follower), "internal")
        ("follow", po::bool_switch(&o.follow), "logs: keep printing new lines")
        ("debug", po::bool_switch(&o.debug), "debug lines on the terminal too");
    return desc;
}

// Options that take a value, to find the first action word without parsing twice.
const std::set<std::string, std::less<>>& value_options() {
    static const std::set<std::string, std::less<>> k_names{
        "-s", "--service", "--rid", "--tags", "--subsets", "--waitlock", "--env", "--format", "--color",
        "--to", "--from", "--kw", "--param", "--value", "--config", "--envfile"};
    return k_names;
}

// Index of the first positional word in args (from `start`), or args.size().
std::size_t first_word(const std::vector<std::string>& args, std::size_t start) {
    for (std::size_t i = start; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            return i + 1;
        }
        if (a.size() > 1 && a[0] == '-') {
            if (a.find('=') == std::string::npos && value_options().count(a) > 0) {
                ++i;
            }
            continue;
        }
        return i;
    }
    return args.size();
}

void check_choice(const std::optional<std::string>& value, std::string_view option,
                  std::initializer_list<std::string_view> choices) {
    if (!value) {
        return;
    }
    if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
        std::string list;
        for (const auto c : choices) {
            list += (list.empty() ? "" : ", ") + std::string{c};
        }
        throw UsageError("invalid value \"" + *value + "\" for --" + std::string{option} + " (expected " + list + ")");
    }
}

template <typename T>
std::optional<T> optional_of(const po::variables_map& vm, const char* name) {
    if (vm.count(name) == 0) {
        return std::nullopt;
    }
    return vm[name].as<T>();
}

}  // namespace

Options parse_command_line(const std::vector<std::string>& args_in) {
    Options o;
    std::vector<std::string> args = args_in;
    if (args.empty()) {
        args.emplace_back("svcmgr");
    }
    o.program = std::filesystem::path(args[0]).filename().string();
    o.persona = persona_of(o.program);
    if (o.persona == Persona::launcher) {
        o.service = o.program;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());

    // om <selector> ... ; om node ... ; om mon ...
    if (o.persona == Persona::om) {
        const std::size_t i = first_word(rest, 0);
        if (i < rest.size()) {
            const std::string word = rest[i];
            rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
            if (word == "node") {
                o.persona = Persona::nodemgr;
            } else if (word == "mon") {
                o.persona = Persona::svcmon;
            } else {
                o.persona = Persona::svcmgr;
                o.service = word;
            }
        } else {
            o.persona = Persona::svcmgr;
        }
    } else if (o.persona == Persona::launcher) {
        o.persona = Persona::svcmgr;
    }

    // docker <args...>: every word after `docker` belongs to docker.
    if (const std::size_t i = first_word(rest, 0); i < rest.size() && rest[i] == "docker") {
        o.passthrough.assign(rest.begin() + static_cast<std::ptrdiff_t>(i) + 1, rest.end());
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i) + 1, rest.end());
    }

    po::options_description desc = describe_options(o);
    po::options_description hidden;
    hidden.add_options()("words", po::value<std::vector<std::string>>(&o.words)->composing(), "");
    po::options_description all;
    all.add(desc).add(hidden);
    po::positional_options_description positional;
    positional.add("words", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(rest).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(std::string{e.what()} + " (see --help)");
    }
    if (vm.count("service") > 0) {
        if (o.service && args.size() > 0 && persona_of(o.program) == Persona::launcher) {
            throw UsageError("-s is not accepted by the per-service launcher " + o.program);
        }
        o.service = vm["service"].as<std::string>();
    }
    o.waitlock = optional_of<std::string>(vm, "waitlock");
    o.format = optional_of<std::string>(vm, "format");
    o.to = optional_of<std::string>(vm, "to");
    o.from = optional_of<std::string>(vm, "from");
    o.config = optional_of<std::string>(vm, "config");
    o.envfile = optional_of<std::string>(vm, "envfile");
    o.param = optional_of<std::string>(vm, "param");
    o.value = optional_of<std::string>(vm, "value");
    if (vm.count("env") > 0) {
        for (const auto& item : vm["env"].as<std::vector<std::string>>()) {
            const auto eq = item.find('=');
            if (eq == std::string::npos || eq == 0) {
                throw UsageError("invalid --env \"" + item + "\" (expected key=value)");
            }
            o.env.emplace_back(item.substr(0, eq), item.substr(eq + 1));
        }
    }
    check_choice(o.format, "format", {"tree", "classic", "json"});
    check_choice(std::optional<std::string>{o.color}, "color", {"auto", "yes", "no"});
    return o;
}

std::string usage_text(Persona persona) {
    Options dummy;
    std::ostringstream out;
    switch (persona) {
    case Persona::nodemgr: out << "usage: nodemgr <action words> [options]\n"; break;
    case Persona::svcmon: out << "usage: svcmon [options]\n"; break;
    default:
        out << "usage: svcmgr -s <selector> <action words> [options]\n"
               "       om <selector> <action words> [options]\n"
               "       <svc> <action words> [options]\n";
        break;
    }
    out << "\n" << describe_options(dummy);
    return out.str();
}

}  // namespace svcagent::cli
