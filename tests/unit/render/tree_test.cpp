// SPEC §11.1 tree layout: golden renders of the §11.1 and §18 examples.

#include "render/tree.hpp"

#include <gtest/gtest.h>

#include "example_views.hpp"
#include "golden.hpp"

namespace svcagent::render {
namespace {

TEST(TreeLayout, Db1OfSeed000WithWidth23) {
    test::expect_golden("tree_db1.txt", render_tree(test::db1_view(), {}));
}

TEST(TreeLayout, Svc1WithSubsetStandbyLogLineAndDisabledApp) {
    test::expect_golden("tree_svc1.txt", render_tree(test::svc1_view(), {}));
}

TEST(TreeLayout, LongServiceNameWidensColumnOne) {
    test::expect_golden("tree_busybox.txt", render_tree(test::busybox_view(), {}));
}

TEST(TreeLayout, FlexServiceWithSubsetsAndHiddenDisabledResources) {
    test::expect_golden("tree_spdsvc01.txt", render_tree(test::spdsvc01_view(), {}));
}

TEST(TreeLayout, ShowDisabledOptionOverridesTheKeyword) {
    const auto shown = render_tree(test::spdsvc01_view(), {.show_disabled = true});
    EXPECT_NE(shown.find("fs#02"), std::string::npos);
    EXPECT_NE(shown.find("disk:pod02"), std::string::npos);
    const auto hidden = render_tree(test::svc1_view(), {.show_disabled = false});
    EXPECT_EQ(hidden.find("app#0"), std::string::npos);
    EXPECT_NE(hidden.find("`- sync#i0"), std::string::npos);
}

TEST(TreeLayout, PeerWithoutCacheIsUndefAndUnknownInNodesThenDrpnodesOrder) {
    auto view = test::db1_view();
    view.peers.clear();
    view.nodes = {"node-1-3", "node-1-1", "node-1-2"};
    view.drpnodes = {"drp1"};
    view.peers.push_back({.node = "node-1-2", .unreachable = true});
    const auto out = render_tree(view, {});
    EXPECT_NE(out.find("   |- node-1-3                   undef      unknown\n"
                       "   |- node-1-2                   undef      unreachable, unknown\n"
                       "   |- drp1                       undef      unknown\n"
                       "   `- node-1-1                   up         idle, started\n"),
              std::string::npos)
        << out;
}

TEST(TreeLayout, ServiceLineShowsPlacementNonOptimal) {
    auto view = test::db1_view();
    view.local.avail = Status::down;
    view.peers[0].data->avail = Status::up;
    const auto out = render_tree(view, {});
    EXPECT_EQ(out.substr(0, out.find('\n')),
              "db1                              up         placement non-optimal");
}

TEST(TreeLayout, SeveralServicesAreSeparatedByABlankLine) {
    const std::vector<ServiceView> views{test::db1_view(), test::busybox_view()};
    EXPECT_EQ(render_trees(views, {}), render_tree(views[0], {}) + "\n" + render_tree(views[1], {}));
}

}  // namespace
}  // namespace svcagent::render
