#include "cli/cli.hpp"

#include <cstdio>

namespace svcagent::cli {

int run(int /*argc*/, char** /*argv*/) {
    std::fputs("svcagent: not implemented yet\n", stderr);
    return 1;
}

}  // namespace svcagent::cli
