#include "engine/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "engine/frozen.hpp"
#include "engine/planner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::engine {
namespace {

using svcagent::testing::read_file;
using svcagent::testing::TempDir;

// A child process holding the lock with intent 'stop' until the parent closes `release`.
class LockingChild {
public:
    explicit LockingChild(const std::filesystem::path& path) {
        std::filesystem::create_directories(path.parent_path());
        int ready[2];
        int release[2];
        EXPECT_EQ(::pipe(ready), 0);
        EXPECT_EQ(::pipe(release), 0);
        m_pid = ::fork();
        if (m_pid == 0) {
            ::close(release[1]);
            ::close(ready[0]);
            const int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0600);
            ::flock(fd, LOCK_EX);
            char text[64];
            const int n = std::snprintf(text, sizeof text, "{\"pid\": %d, \"intent\": \"stop\", \"running\": []}",
                                        static_cast<int>(::getpid()));
            (void)::ftruncate(fd, 0);
            (void)::write(fd, text, static_cast<std::size_t>(n));
            (void)::write(ready[1], "x", 1);
            char c = 0;
            (void)::read(release[0], &c, 1);
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(release[0]);
        char c = 0;
        EXPECT_EQ(::read(ready[0], &c, 1), 1);
        ::close(ready[0]);
        m_release = release[1];
    }
    LockingChild(const LockingChild&) = delete;
    LockingChild& operator=(const LockingChild&) = delete;
    LockingChild(LockingChild&&) = delete;
    LockingChild& operator=(LockingChild&&) = delete;
    ~LockingChild() { finish(); }
    void finish() {
        if (m_pid > 0) {
            ::close(m_release);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    [[nodiscard]] pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_release = -1;
};

TEST(ServiceLock, WritesHolderAndTruncatesOnUnlock) {
    TempDir tmp;
    LockManager locks;
    const auto path = lock_path(tmp.path() / "var", "svc1");
    {
        auto guard = locks.acquire(path, "start", std::chrono::milliseconds{0});
        const auto holder = read_lock_holder(path);
        ASSERT_TRUE(holder.has_value());
        EXPECT_EQ(holder->pid, ::getpid());
        EXPECT_EQ(holder->intent, "start");
        guard.set_running({"fs#1", "ip#0"});
        EXPECT_EQ(read_lock_holder(path)->running, (std::vector<std::string>{"fs#1", "ip#0"}));
    }
    EXPECT_EQ(read_file(path), "");
    EXPECT_FALSE(read_lock_holder(path).has_value());
}

TEST(ServiceLock, IsReentrantWithinTheProcess) {
    TempDir tmp;
    LockManager locks;
    const auto path = lock_path(tmp.path(), "svc1");
    auto outer = locks.acquire(path, "restart", std::chrono::milliseconds{0});
    {
        auto inner = locks.acquire(path, "stop", std::chrono::milliseconds{0});
        EXPECT_EQ(read_lock_holder(path)->intent, "restart");
    }
    EXPECT_TRUE(locks.holds(path));
    EXPECT_TRUE(read_lock_holder(path).has_value());
}

TEST(ServiceLock, TimeoutNamesHolderPidAndIntent) {
    TempDir tmp;
    const auto path = lock_path(tmp.path(), "svc1");
    LockingChild child(path);
    LockManager locks;
    try {
        (void)locks.acquire(path, "start", std::chrono::milliseconds{300});
        FAIL() << "expected a timeout";
    } catch (const ActionError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "timed out waiting for lock (timeout 300ms, action start, lockfile " + path.string() +
                      "): held by pid " + std::to_string(child.pid()) + ", intent 'stop'");
    }
    child.finish();
    auto guard = locks.acquire(path, "start", std::chrono::milliseconds{0});
    EXPECT_EQ(read_lock_holder(path)->intent, "start");
}

TEST(ServiceLock, WaitsUntilTheHolderReleases) {
    TempDir tmp;
    const auto path = lock_path(tmp.path(), "svc1");
    auto child = std::make_unique<LockingChild>(path);
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds{300});
        child->finish();
    });
    LockManager locks;
    EXPECT_NO_THROW((void)locks.acquire(path, "start", std::chrono::seconds{10}));
    releaser.join();
}

TEST(ServiceLock, StaleContentOfADeadPidIsIgnored) {
    TempDir tmp;
    const auto path = tmp.write("svc1/lock", R"({"pid": 2147483646, "intent": "start", "running": ["fs#1"]})");
    EXPECT_FALSE(read_lock_holder(path).has_value());
    LockManager locks;
    auto guard = locks.acquire(path, "stop", std::chrono::milliseconds{0});
    EXPECT_EQ(read_lock_holder(path)->intent, "stop");
    EXPECT_TRUE(read_lock_holder(path)->running.empty());
}

TEST(ServiceLock, FormatsWaitDurations) {
    EXPECT_EQ(format_wait(std::chrono::seconds{60}), "60s");
    EXPECT_EQ(format_wait(std::chrono::milliseconds{1500}), "1.500s");
    EXPECT_EQ(format_wait(std::chrono::milliseconds{100}), "100ms");
}

TEST(FrozenFlag, FreezeThawRoundTrip) {
    TempDir tmp;
    EXPECT_FALSE(is_frozen(tmp.path(), "svc1"));
    freeze(tmp.path(), "svc1");
    const auto since = frozen_since(tmp.path(), "svc1");
    ASSERT_TRUE(since.has_value());
    EXPECT_GT(*since, 1.6e9);
    freeze(tmp.path(), "svc1");
    EXPECT_EQ(frozen_since(tmp.path(), "svc1"), since);
    thaw(tmp.path(), "svc1");
    EXPECT_FALSE(is_frozen(tmp.path(), "svc1"));
    EXPECT_NO_THROW(thaw(tmp.path(), "svc1"));
}

}  // namespace
}  // namespace svcagent::engine
