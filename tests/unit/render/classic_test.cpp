// SPEC §11.2 classic layout: golden renders of the §11.2 and §18 examples.

#include "render/classic.hpp"

#include <gtest/gtest.h>

#include "example_views.hpp"
#include "golden.hpp"

namespace svcagent::render {
namespace {

TEST(ClassicLayout, PassiveNodeWithInfoLogLine) {
    test::expect_golden("classic_busybox_passive.txt", render_classic(test::busybox_passive_view(), {}));
}

TEST(ClassicLayout, SyncNeedsUpdateWarnsOverall) {
    test::expect_golden("classic_busybox_warn.txt", render_classic(test::busybox_need_update_view(), {}));
}

TEST(ClassicLayout, EverythingUp) {
    test::expect_golden("classic_busybox_up.txt", render_classic(test::busybox_view(), {}));
}

TEST(ClassicLayout, SubsetsFlattenedInDisplayOrder) {
    test::expect_golden("classic_spdsvc01.txt", render_classic(test::spdsvc01_view(), {}));
}

TEST(ClassicLayout, NoAccessoryBlockAndFrozenOverall) {
    auto view = test::busybox_passive_view();
    view.local.resources.pop_back();  // sync#i0
    view.local.resources.erase(view.local.resources.begin() + 1, view.local.resources.end() - 1);
    view.local.frozen = 1732220000;
    view.local.resources.back().log.push_back({"warn", "second line"});
    EXPECT_EQ(
        render_classic(view, {}),
        "busybox.opensvc.com\n"
        "overall                   down       frozen\n"
        "'- avail                  down\n"
        "   |- ip#1           .... down       busybox.opensvc.com@eth0\n"
        "   '- container#1    .... down       docker container busybox.opensvc.com.container.1@b073e328878e\n"
        "                                     # docker daemon is not running\n"
        "                                     # second line\n");
}

TEST(ClassicLayout, LogLineOfAResourceWithAFollowingSibling) {
    auto view = test::busybox_view();
    view.local.resources[0].log.push_back({"warn", "arp announce failed"});
    const auto out = render_classic(view, {});
    EXPECT_NE(out.find("|  |- ip#1           .... up         busybox.opensvc.com@eth0\n"
                       "|  |                                 # arp announce failed\n"),
              std::string::npos)
        << out;
}

}  // namespace
}  // namespace svcagent::render
