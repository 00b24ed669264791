#include "cli/cli.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <svcagent/error.hpp>
#include <svcagent/registry.hpp>

#include "cli/actions.hpp"
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "model/node_identity.hpp"
#include "model/service_list.hpp"

namespace svcagent::cli {

namespace {

std::string help_text(const Options& options) {
    const Scope scope = options.persona == Persona::nodemgr ? Scope::node : Scope::service;
    std::string text = usage_text(options.persona);
    if (options.persona == Persona::svcmon) {
        return text;
    }
    text += "\nactions:\n";
    for (const ActionSpec& spec : action_table()) {
        if (spec.scope != scope || !spec.supported) {
            continue;
        }
        std::string name{spec.name};
        name.resize(std::max<std::size_t>(name.size(), 18), ' ');
        text += "  " + name + " " + std::string{spec.help} + "\n";
    }
    return text;
}

bool allows_missing_service(std::string_view action) {
    return action == "create" || action == "deploy" || action == "install" || action == "pull" ||
           action == "postsync";
}

// Exit code over several services (SPEC §12, Exit codes).
int combine(std::string_view action, const std::vector<int>& codes) {
    if (action == "status" || action == "validate config") {
        int sum = 0;
        for (const int c : codes) {
            sum = std::min(255, sum + c);
        }
        return sum;
    }
    if (codes.size() == 1) {
        return codes.front();
    }
    return std::all_of(codes.begin(), codes.end(), [](int c) { return c == 0; }) ? 0 : 1;
}

int dispatch(const Options& options, std::ostream& out, std::ostream& err) {
    const NodeInfo node = model::node_info_from_environment();
    if (options.help) {
        out << help_text(options);
        return 0;
    }
    if (options.persona == Persona::svcmon) {
        throw Error("svcmon is not available yet in this build (issue \"Multi-node\")");
    }
    const Scope scope = options.persona == Persona::nodemgr ? Scope::node : Scope::service;
    const ActionSpec& action = find_action(scope, options.words);
    if (!action.supported) {
        throw Error(std::string{action.name} + " is not supported by svcagent");
    }
    if (action.handler == nullptr) {
        throw Error(std::string{action.name} + " is not implemented yet in this build");
    }
    if (action.changes_state && !node.is_root && !options.dry_run) {
        throw Error(std::string{action.name} + " requires root privileges");
    }
    const DriverRegistry registry = make_builtin_registry();
    CommandContext ctx(options, node, registry, action, out, err);
    if (scope == Scope::node) {
        return action.handler(ctx);
    }
    if (!options.service) {
        throw UsageError("missing -s <selector> (see --help)");
    }
    const auto services = model::select_services(node.paths, *options.service, allows_missing_service(action.name));
    ctx.set_services(services);
    if (action.once) {
        return action.handler(ctx);
    }
    std::vector<int> codes;
    for (const auto& svc : services) {
        ctx.set_service(svc);
        try {
            codes.push_back(action.handler(ctx));
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            err << options.program << ": error: " << e.what() << "\n";
            codes.push_back(1);
        }
    }
    return combine(action.name, codes);
}

}  // namespace

int run(int argc, char** argv) {
    const std::vector<std::string> args(argv, argv + argc);
    std::string program = args.empty() ? "svcmgr" : args.front();
    program = program.substr(program.find_last_of('/') + 1);
    try {
        const Options options = parse_command_line(args);
        return dispatch(options, std::cout, std::cerr);
    } catch (const UsageError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::logic_error&) {
        throw;  // a bug: let it abort with a core
    } catch (const std::exception& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace svcagent::cli
