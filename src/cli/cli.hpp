#pragma once

namespace svcagent::cli {

// The one catch site: dispatches on argv[0], prints errors, returns the exit code.
int run(int argc, char** argv);

}  // namespace svcagent::cli
