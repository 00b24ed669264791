#include "render/colour.hpp"

namespace svcagent::render {

namespace {

std::string_view code_of(Colour c) noexcept {
    switch (c) {
    case Colour::none:
        return "";
    case Colour::green:
        return "\x1b[32m";
    case Colour::red:
        return "\x1b[31m";
    case Colour::yellow:
        return "\x1b[33m";
    case Colour::blue:
        return "\x1b[34m";
    case Colour::bold:
        return "\x1b[1m";
    }
    return "";
}

constexpr std::string_view k_reset = "\x1b[0m";

}  // namespace

std::optional<ColourMode> parse_colour_mode(std::string_view text) noexcept {
    if (text == "auto") {
        return ColourMode::automatic;
    }
    if (text == "yes" || text == "always") {
        return ColourMode::always;
    }
    if (text == "no" || text == "never") {
        return ColourMode::never;
    }
    return std::nullopt;
}

bool use_colour(ColourMode mode, bool stdout_is_tty, std::optional<std::string_view> term,
                bool no_color_set) noexcept {
    switch (mode) {
    case ColourMode::always:
        return true;
    case ColourMode::never:
        return false;
    case ColourMode::automatic:
        return stdout_is_tty && term && !term->empty() && *term != "dumb" && !no_color_set;
    }
    return false;
}

Colour status_colour(Status s) noexcept {
    switch (s) {
    case Status::up:
    case Status::stdby_up:
    case Status::up_with_stdby:
    case Status::stdby_up_with_down:
        return Colour::green;
    case Status::down:
    case Status::stdby_down:
        return Colour::red;
    case Status::warn:
        return Colour::yellow;
    case Status::na:
    case Status::undef:
        return Colour::blue;
    }
    return Colour::none;
}

Colour level_colour(std::string_view level) noexcept {
    if (level == "warn" || level == "WARNING") {
        return Colour::yellow;
    }
    if (level == "error" || level == "ERROR") {
        return Colour::red;
    }
    return Colour::none;
}

std::string paint(std::string_view text, Colour colour) {
    if (colour == Colour::none || text.empty()) {
        return std::string(text);
    }
    std::string out(code_of(colour));
    out += text;
    out += k_reset;
    return out;
}

Line& Line::add(std::string_view text, Colour colour) {
    if (!text.empty()) {
        m_segments.push_back({std::string(text), colour});
        m_width += text.size();
    }
    return *this;
}

Line& Line::pad_to(std::size_t column) {
    if (m_width < column) {
        add(std::string(column - m_width, ' '));
    }
    return *this;
}

std::string Line::str(bool colour) const {
    // Drop trailing blanks: whole blank segments, then the blank tail of the last one.
    std::size_t end = m_segments.size();
    while (end > 0 && m_segments[end - 1].text.find_first_not_of(' ') == std::string::npos) {
        --end;
    }
    std::string out;
    for (std::size_t i = 0; i < end; ++i) {
        const Segment& seg = m_segments[i];
        std::string_view text = seg.text;
        if (i + 1 == end) {
            text = text.substr(0, text.find_last_not_of(' ') + 1);
        }
        out += colour ? paint(text, seg.colour) : std::string(text);
    }
    return out;
}

}  // namespace svcagent::render
