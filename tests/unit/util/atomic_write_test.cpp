#include "util/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace svcagent::util {
namespace {

using svcagent::testing::read_file;
using svcagent::testing::TempDir;

mode_t mode_of(const std::filesystem::path& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_mode & 07777;
}

TEST(AtomicWrite, CreatesNewFileWithGivenMode) {
    const TempDir dir;
    atomic_write(dir / "db1.conf", "[DEFAULT]\n", 0600);
    EXPECT_EQ(read_file(dir / "db1.conf"), "[DEFAULT]\n");
    EXPECT_EQ(mode_of(dir / "db1.conf"), 0600U);
}

TEST(AtomicWrite, ReplacesContentAndKeepsOriginalMode) {
    const TempDir dir;
    const auto file = dir.write("db1.conf", "old content that is longer\n");
    ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
    atomic_write(file, "new\n", 0600);
    EXPECT_EQ(read_file(file), "new\n");
    EXPECT_EQ(mode_of(file), 0640U);
}

TEST(AtomicWrite, LeavesNoTemporaryFile) {
    const TempDir dir;
    atomic_write(dir / "a", "x");
    atomic_write(dir / "a", "y");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
    }
    EXPECT_EQ(files, 1U);
}

TEST(AtomicWrite, MissingDirectoryThrowsNamingThePath) {
    const TempDir dir;
    try {
        atomic_write(dir / "missing" / "a", "x");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string{e.what()}.find("missing/a.tmp."), std::string::npos) << e.what();
    }
}

TEST(UniqueFd, ClosesOnDestructionAndMoves) {
    int raw = -1;
    {
        UniqueFd fd{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
        ASSERT_TRUE(fd);
        raw = fd.get();
        UniqueFd moved{std::move(fd)};
        EXPECT_FALSE(fd);  // NOLINT(bugprone-use-after-move): the moved-from state is the point
        EXPECT_EQ(moved.get(), raw);
    }
    EXPECT_EQ(::fcntl(raw, F_GETFD), -1);
}

}  // namespace
}  // namespace svcagent::util
