#include "cli/cli.hpp"

int main(int argc, char** argv) {
    return svcagent::cli::run(argc, argv);
}
