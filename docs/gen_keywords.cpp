// svcagent_gen_keywords: writes docs/keywords.md from the keyword schema, or checks it is up to date.
//   svcagent_gen_keywords                  print the document on stdout
//   svcagent_gen_keywords --output FILE    write it to FILE
//   svcagent_gen_keywords --check FILE     exit 1 when FILE differs from the generated document

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include <svcagent/registry.hpp>

#include "config/schema_print.hpp"

#ifndef SVCAGENT_BUILD_DIR
#define SVCAGENT_BUILD_DIR "<build-dir>"
#endif

namespace {

int usage() {
    std::cerr << "usage: svcagent_gen_keywords [--output FILE | --check FILE]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string text = svcagent::config::render_keywords_markdown(svcagent::make_builtin_registry());
    if (argc == 1) {
        std::cout << text;
        return 0;
    }
    if (argc != 3) {
        return usage();
    }
    const std::string_view mode{argv[1]};
    const std::string path{argv[2]};
    if (mode == "--output") {
        std::ofstream out{path, std::ios::binary | std::ios::trunc};
        out << text;
        if (!out.flush()) {
            std::cerr << "svcagent_gen_keywords: cannot write " << path << "\n";
            return 1;
        }
        return 0;
    }
    if (mode == "--check") {
        std::ifstream in{path, std::ios::binary};
        const std::string current{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
        if (current != text) {
            std::cerr << path << " is not up to date with the keyword schema; regenerate it with:\n"
                      << "  cmake --build " << SVCAGENT_BUILD_DIR << " --target keywords_doc\n"
                      << "and commit the result.\n";
            return 1;
        }
        return 0;
    }
    return usage();
}
