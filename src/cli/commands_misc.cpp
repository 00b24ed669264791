// logs, enable, disable, nodemgr ls.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <thread>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/service_loader.hpp"
#include "config/document.hpp"
#include "model/service_list.hpp"
#include "render/colour.hpp"
#include "util/strings.hpp"

namespace svcagent::cli {

namespace {

// The origin of a log line: the third blank-separated field of "<date> <time> <LEVEL> <origin> ...".
std::string origin_of(const std::string& line) {
    std::size_t pos = 0;
    for (int field = 0; field < 3; ++field) {
        pos = line.find(' ', pos);
        if (pos == std::string::npos) {
            return {};
        }
        pos = line.find_first_not_of(' ', pos);
        if (pos == std::string::npos) {
            return {};
        }
    }
    const auto end = line.find(' ', pos);
    return line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

bool keep_line(const std::string& line, const std::string& prefix, const std::vector<std::string>& rids) {
    if (rids.empty()) {
        return true;
    }
    const std::string origin = origin_of(line);
    if (origin.rfind(prefix, 0) != 0) {
        return false;
    }
    const std::string rid = origin.substr(prefix.size());
    for (const auto& want : rids) {
        if (rid == want || rid.rfind(want + "#", 0) == 0) {
            return true;
        }
    }
    return false;
}

std::string paint_line(const std::string& line, bool colour) {
    if (!colour) {
        return line;
    }
    if (line.find(" ERROR ") != std::string::npos) {
        return render::paint(line, render::level_colour("ERROR"));
    }
    if (line.find(" WARNING ") != std::string::npos) {
        return render::paint(line, render::level_colour("WARNING"));
    }
    return line;
}

}  // namespace

int logs(CommandContext& ctx) {
    (void)service_path(ctx);
    const auto base = ctx.node().paths.log / (ctx.service() + ".log");
    std::vector<std::string> rids;
    for (const auto& list : ctx.options().rid) {
        for (auto& r : util::split_trimmed(list, ',')) {
            rids.push_back(r);
        }
    }
    const std::string prefix = ctx.node().nodename + "." + ctx.service() + ".";
    const bool colour = ctx.options().color == "yes" || (ctx.options().color == "auto" && isatty(1) != 0);
    for (int i = 5; i >= 1; --i) {
        std::ifstream old(base.string() + "." + std::to_string(i));
        for (std::string line; std::getline(old, line);) {
            if (keep_line(line, prefix, rids)) {
                ctx.out() << paint_line(line, colour) << "\n";
            }
        }
    }
    std::ifstream in(base);
    std::string line;
    for (;;) {
        while (std::getline(in, line)) {
            if (keep_line(line, prefix, rids)) {
                ctx.out() << paint_line(line, colour) << "\n";
            }
        }
        if (!ctx.options().follow) {
            break;
        }
        ctx.out().flush();
        in.clear();
        std::this_thread::sleep_for(std::chrono::milliseconds{500});
    }
    return 0;
}

int enable_disable(CommandContext& ctx) {
    const auto path = service_path(ctx);
    const std::string current = read_input(path.string());
    config::Document doc(current);
    const bool disable = ctx.action().name == "disable";
    std::vector<std::string> sections;
    for (const auto& list : ctx.options().rid) {
        for (auto& r : util::split_trimmed(list, ',')) {
            sections.push_back(r);
        }
    }
    if (sections.empty()) {
        sections.emplace_back("DEFAULT");
    }
    for (const auto& section : sections) {
        if (section != "DEFAULT" && !doc.has_section(section)) {
            throw Error("section " + section + " does not exist");
        }
        if (disable) {
            doc.set(section, "disable", "true");
        } else {
            doc.unset(section, "disable");
        }
    }
    checked_rewrite(ctx, path, current, doc.text(), false);
    return 0;
}

int node_ls(CommandContext& ctx) {
    for (const auto& name : model::list_services(ctx.node().paths)) {
        ctx.out() << name << "\n";
    }
    return 0;
}

}  // namespace svcagent::cli
