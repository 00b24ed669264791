#include "render/tree.hpp"

#include <algorithm>
#include <vector>

#include "render/colour.hpp"
#include "status/aggregate.hpp"

namespace svcagent::render {

namespace {

constexpr std::size_t k_indent = 3;     // width of "|- ", "`- ", "|  ", "   "
constexpr std::size_t k_min_text = 14;  // W = 3 x D + max(14, L)

struct Node {
    std::string text{};
    Colour text_colour = Colour::none;
    std::string flags{};  // 8 characters on resource lines, empty elsewhere
    std::string status{};
    Colour status_colour = Colour::none;
    std::string label{};
    std::vector<StatusLogLine> logs{};
    std::vector<Node> children{};
};

Node resource_node(const ResourceState& r) {
    return {.text = r.rid,
            .flags = tree_flags(r),
            .status = std::string(to_text(r.status)),
            .status_colour = status_colour(r.status),
            .label = r.label,
            .logs = r.log};
}

Node instance_node(const std::string& node, Status avail, const std::vector<std::string>& notices) {
    return {.text = node,
            .text_colour = Colour::bold,
            .status = std::string(to_text(avail)),
            .status_colour = status_colour(avail),
            .label = join_notices(notices)};
}

const PeerInstance* find_peer(const ServiceView& view, const std::string& node) {
    const auto it = std::find_if(view.peers.begin(), view.peers.end(),
                                 [&](const PeerInstance& p) { return p.node == node; });
    return it == view.peers.end() ? nullptr : &*it;
}

Node build_tree(const ServiceView& view, const RenderOptions& options) {
    const Status cluster = cluster_status(view);
    Node root{.text = view.name,
              .status = std::string(to_text(cluster)),
              .status_colour = status_colour(cluster),
              .label = join_notices(service_notices(view))};
    Node instances{.text = "instances"};
    std::vector<std::string> order;
    for (const auto* list : {&view.nodes, &view.drpnodes}) {
        for (const std::string& node : *list) {
            if (node != view.local.nodename && std::find(order.begin(), order.end(), node) == order.end()) {
                order.push_back(node);
            }
        }
    }
    for (const std::string& node : order) {
        const PeerInstance* peer = find_peer(view, node);
        const PeerInstance unknown{.node = node};
        const PeerInstance& p = peer != nullptr ? *peer : unknown;
        instances.children.push_back(
            instance_node(node, p.data ? p.data->avail : Status::undef, peer_notices(p)));
    }
    Node local = instance_node(view.local.nodename, view.local.avail, instance_notices(view.local));
    for (const DisplayItem& item : display_items(view.local, effective_show_disabled(view, options))) {
        if (item.resource != nullptr) {
            local.children.push_back(resource_node(*item.resource));
            continue;
        }
        Node subset{.text = item.subset_text, .label = item.parallel ? "//" : ""};
        for (const ResourceState* r : item.children) {
            subset.children.push_back(resource_node(*r));
        }
        local.children.push_back(std::move(subset));
    }
    instances.children.push_back(std::move(local));
    root.children.push_back(std::move(instances));
    return root;
}

void measure(const Node& node, std::size_t depth, std::size_t& max_depth, std::size_t& max_text) {
    max_depth = std::max(max_depth, depth);
    max_text = std::max(max_text, node.text.size());
    for (const Node& child : node.children) {
        measure(child, depth + 1, max_depth, max_text);
    }
}

class Emitter {
public:
    Emitter(std::size_t width, bool colour) : m_width(width), m_colour(colour) {}

    void emit(const Node& node, const std::string& prefix, const std::string& continuation) {
        Line line;
        line.add(prefix).add(node.text, node.text_colour).pad_to(m_width + 1);
        line.add(node.flags).pad_to(m_width + 10);
        line.add(node.status, node.status_colour).pad_to(m_width + 21);
        line.add(node.label);
        push(line);
        for (const StatusLogLine& log : node.logs) {
            Line l;  // column 1: the continuation prefix of the node's children
            l.add(continuation).pad_to(m_width + 21);
            l.add(log.level, level_colour(log.level)).add(": " + log.message);
            push(l);
        }
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            const bool last = i + 1 == node.children.size();
            emit(node.children[i], continuation + (last ? "`- " : "|- "),
                 continuation + (last ? "   " : "|  "));
        }
    }

    [[nodiscard]] const std::string& out() const noexcept { return m_out; }

private:
    void push(const Line& line) {
        m_out += line.str(m_colour);
        m_out += '\n';
    }

    std::size_t m_width;
    bool m_colour;
    std::string m_out;
};

}  // namespace

std::string render_tree(const ServiceView& view, const RenderOptions& options) {
    const Node root = build_tree(view, options);
    std::size_t max_depth = 0;
    std::size_t max_text = 0;
    measure(root, 0, max_depth, max_text);
    Emitter emitter(k_indent * max_depth + std::max(k_min_text, max_text), options.colour);
    emitter.emit(root, "", "");
    return emitter.out();
}

std::string render_trees(std::span<const ServiceView> views, const RenderOptions& options) {
    std::string out;
    for (const ServiceView& view : views) {
        if (!out.empty()) {
            out += '\n';
        }
        out += render_tree(view, options);
    }
    return out;
}

}  // namespace svcagent::render
