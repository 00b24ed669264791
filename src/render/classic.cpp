#include "render/classic.hpp"

#include <vector>

#include "render/colour.hpp"
#include "status/aggregate.hpp"

namespace svcagent::render {

namespace {

// Column offsets of the classic layout: flags, status, label (and the '#' of log lines).
constexpr std::size_t k_flags_col = 21;
constexpr std::size_t k_status_col = 26;
constexpr std::size_t k_label_col = 37;

class ClassicWriter {
public:
    explicit ClassicWriter(bool colour) : m_colour(colour) {}

    // "%-Ns %4s %-10s %s" with the text starting after `prefix`.
    void row(const std::string& prefix, const std::string& text, const std::string& flags, Status status,
             const std::string& label) {
        Line line;
        line.add(prefix).add(text).add(" ").pad_to(k_flags_col);
        line.add(flags).add(" ").pad_to(k_status_col);
        line.add(to_text(status), status_colour(status)).add(" ").pad_to(k_label_col);
        line.add(label);
        push(line);
    }

    void log(const std::string& continuation, const StatusLogLine& log) {
        Line line;
        line.add(continuation).pad_to(k_label_col);
        line.add("# " + log.message, level_colour(log.level));
        push(line);
    }

    void text(const std::string& text) {
        Line line;
        line.add(text);
        push(line);
    }

    // One block of resources below "|- avail" or "'- accessory"; `lead` is "|  " (avail followed
    // by an accessory block) or three blanks.
    void block(const std::vector<const ResourceState*>& resources, const std::string& lead) {
        for (std::size_t i = 0; i < resources.size(); ++i) {
            const ResourceState& r = *resources[i];
            const bool last = i + 1 == resources.size();
            row(lead + (last ? "'- " : "|- "), r.rid, classic_flags(r), r.status, r.label);
            for (const StatusLogLine& l : r.log) {
                log(lead + (last ? "   " : "|  "), l);
            }
        }
    }

    [[nodiscard]] const std::string& out() const noexcept { return m_out; }

private:
    void push(const Line& line) {
        m_out += line.str(m_colour);
        m_out += '\n';
    }

    bool m_colour;
    std::string m_out;
};

}  // namespace

std::string render_classic(const ServiceView& view, const RenderOptions& options) {
    std::vector<const ResourceState*> avail;
    std::vector<const ResourceState*> accessory;
    for (const ResourceState* r : display_order(view.local, effective_show_disabled(view, options))) {
        (is_optional(*r) ? accessory : avail).push_back(r);
    }
    const InstanceStatus& local = view.local;
    ClassicWriter w(options.colour);
    w.text(view.name);
    w.row("", "overall", "", local.overall, local.frozen != 0 ? "frozen" : "");
    const bool has_accessory = !accessory.empty();
    w.row(has_accessory ? "|- " : "'- ", "avail", "", local.avail, "");
    w.block(avail, has_accessory ? "|  " : "   ");
    if (has_accessory) {
        w.text("'- accessory");
        w.block(accessory, "   ");
    }
    return w.out();
}

std::string render_classics(std::span<const ServiceView> views, const RenderOptions& options) {
    std::string out;
    for (const ServiceView& view : views) {
        if (!out.empty()) {
            out += '\n';
        }
        out += render_classic(view, options);
    }
    return out;
}

}  // namespace svcagent::render
