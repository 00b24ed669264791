#include "exec/posix_runner.hpp"

#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <thread>

#include <gtest/gtest.h>

#include "support/log_capture.hpp"
#include "support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace svcagent::exec {
namespace {

using namespace std::chrono_literals;
using svcagent::testing::LogCapture;

class PosixRunnerTest : public ::testing::Test {
protected:
    CommandResult run(Command cmd) { return m_runner.run(cmd, m_log.logger()); }
    PosixRunner m_runner{PosixRunner::Options{.kill_grace = 500ms}};
    LogCapture m_log{"node1.db1.fs#1"};
};

bool process_gone(pid_t pid) {
    std::ifstream stat{"/proc/" + std::to_string(pid) + "/stat"};
    std::string text;
    std::getline(stat, text);
    // Gone, or a zombie waiting for its new parent to reap it.
    const auto close = text.rfind(')');
    return !stat || (close != std::string::npos && text.substr(close + 2, 1) == "Z");
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!process_gone(pid)) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

TEST_F(PosixRunnerTest, CapturesStdoutAndStderrSeparately) {
    const auto result = run({.argv = {"sh", "-c", "echo out; echo err >&2"}});
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.out, "out\n");
    EXPECT_EQ(result.err, "err\n");
}

TEST_F(PosixRunnerTest, ReportsExitCode) {
    const auto result = run({.argv = {"sh", "-c", "exit 3"}});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_FALSE(result.ok());
}

TEST_F(PosixRunnerTest, ReportsTerminatingSignal) {
    const auto result = run({.argv = {"sh", "-c", "kill -KILL $$"}});
    EXPECT_EQ(result.term_signal, SIGKILL);
    EXPECT_FALSE(result.timed_out);
    EXPECT_FALSE(result.ok());
}

TEST_F(PosixRunnerTest, TimeoutKillsTheWholeProcessGroup) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = run({.argv = {"sh", "-c", "sleep 100 & echo $!; wait"}, .timeout = 300ms});
    EXPECT_TRUE(result.timed_out);
    EXPECT_FALSE(result.ok());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    const pid_t sleeper = std::stoi(result.out);
    EXPECT_TRUE(wait_until_gone(sleeper, 2s)) << "sleep " << sleeper << " survived";
    EXPECT_EQ(m_log.messages().back().rfind("DEBUG timed out", 0), 0U);
}

TEST_F(PosixRunnerTest, TimeoutEscalatesToSigkillAfterGrace) {
    const auto result =
        run({.argv = {"sh", "-c", "trap '' TERM; sleep 100 & echo $!; while :; do wait; done"},
             .timeout = 300ms});
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.term_signal, SIGKILL);
    EXPECT_TRUE(wait_until_gone(std::stoi(result.out), 2s));
}

TEST_F(PosixRunnerTest, DoesNotWaitForBackgroundChildHoldingThePipes) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = run({.argv = {"sh", "-c", "sleep 3 & echo $!"}, .timeout = 10s});
    EXPECT_TRUE(result.ok());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
    ::kill(std::stoi(result.out), SIGKILL);
}

TEST_F(PosixRunnerTest, HostileArgumentsArriveAsOneArgvElement) {
    const std::vector<std::string> hostile{"; rm -rf /", "$(reboot)", "a b\tc", "'\"`", "", "*"};
    std::vector<std::string> argv{"sh", "-c", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done", "sh"};
    argv.insert(argv.end(), hostile.begin(), hostile.end());
    const auto result = run({.argv = argv});
    EXPECT_EQ(result.out, "<; rm -rf />\n<$(reboot)>\n<a b\tc>\n<'\"`>\n<>\n<*>\n");
}

TEST_F(PosixRunnerTest, SetsFixedEnvironmentPlusCommandEnv) {
    const auto result = run({.argv = {"sh", "-c", "echo \"$LANG|$LC_ALL|$PATH|$SVC_X\"; umask"},
                             .env = {{"SVC_X", "a b"}, {"LANG", "C.UTF-8"}}});
    EXPECT_EQ(result.out,
              "C.UTF-8|C|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|a b\n0022\n");
}

TEST_F(PosixRunnerTest, FeedsInputAndStdinIsDevNullOtherwise) {
    EXPECT_EQ(run({.argv = {"cat"}, .input = "line 1\nline 2\n"}).out, "line 1\nline 2\n");
    EXPECT_EQ(run({.argv = {"cat"}}).out, "");
}

TEST_F(PosixRunnerTest, ChildThatIgnoresItsInputDoesNotKillTheAgent) {
    const auto result = run({.argv = {"true"}, .input = std::string(1 << 20, 'x')});
    EXPECT_TRUE(result.ok());
}

TEST_F(PosixRunnerTest, CapsEachOutputAtOneMebibyte) {
    const auto result = run({.argv = {"sh", "-c", "head -c 3000000 /dev/zero; head -c 100 /dev/zero >&2"}});
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.out.size(), std::size_t{1} << 20);
    EXPECT_EQ(result.err.size(), 100U);
}

TEST_F(PosixRunnerTest, RunsInGivenDirectory) {
    const svcagent::testing::TempDir dir;
    EXPECT_EQ(run({.argv = {"pwd"}, .cwd = dir.path()}).out, dir.path().string() + "\n");
}

TEST_F(PosixRunnerTest, MissingToolGivesExit127AndClearMessage) {
    const auto result = run({.argv = {"vgchange-missing-tool", "-a", "y"}});
    EXPECT_EQ(result.exit_code, 127);
    EXPECT_EQ(result.err, "vgchange-missing-tool not found in PATH");
}

TEST_F(PosixRunnerTest, MissingDirectoryGives127) {
    const auto result = run({.argv = {"true"}, .cwd = "/nonexistent/dir"});
    EXPECT_EQ(result.exit_code, 127);
    EXPECT_NE(result.err.find("cannot change directory to /nonexistent/dir"), std::string::npos)
        << result.err;
}

TEST_F(PosixRunnerTest, ClosesOtherDescriptorsInTheChild) {
    const svcagent::util::UniqueFd inherited{::open("/dev/null", O_RDONLY)};  // no O_CLOEXEC on purpose
    ASSERT_TRUE(inherited);
    const std::string fd = std::to_string(inherited.get());
    const auto result =
        run({.argv = {"sh", "-c", "if [ -e /proc/self/fd/" + fd + " ]; then echo leaked; fi"}});
    EXPECT_EQ(result.out, "");
}

TEST_F(PosixRunnerTest, LogsChangingCommandAtInfoWithOutputBlock) {
    (void)run({.argv = {"sh", "-c", "echo one; echo two"}});
    const auto lines = m_log.messages();
    ASSERT_GE(lines.size(), 4U);
    EXPECT_EQ(lines[0], "INFO sh -c 'echo one; echo two'");
    EXPECT_EQ(lines[1], "INFO output:");
    EXPECT_EQ(lines[2], "INFO one");
    EXPECT_EQ(lines[3], "INFO two");
}

TEST_F(PosixRunnerTest, LogsProbeAtDebugAndFailedStderrAtError) {
    (void)run({.argv = {"sh", "-c", "echo x"}, .effect = Effect::probe});
    for (const auto& line : m_log.lines()) {
        EXPECT_EQ(line.level, "DEBUG") << line.message;
    }
    m_log.clear();
    (void)run({.argv = {"sh", "-c", "echo bad >&2; exit 1"}});
    const auto lines = m_log.messages();
    ASSERT_GE(lines.size(), 3U);
    EXPECT_EQ(lines[1], "ERROR stderr:");
    EXPECT_EQ(lines[2], "ERROR bad");
}

TEST(FindExecutable, SearchesPathAndAcceptsSlashNames) {
    EXPECT_EQ(find_executable("sh", "/nonexistent:/bin"), "/bin/sh");
    EXPECT_EQ(find_executable("/bin/sh", ""), "/bin/sh");
    EXPECT_EQ(find_executable("sh", "/nonexistent"), "");
    EXPECT_EQ(find_executable("", "/bin"), "");
}

TEST(CommandEnvironment, FixedValuesOverrideParentAndCommandEnvOverridesAll) {
    const auto env = command_environment({"HOME=/root", "PATH=/x", "LANG=fr_FR"}, {{"LC_ALL", "POSIX"}});
    EXPECT_EQ(env, (std::vector<std::string>{"HOME=/root", "PATH=" + std::string{k_command_path}, "LANG=C",
                                             "LC_ALL=POSIX"}));
}

}  // namespace
}  // namespace svcagent::exec
