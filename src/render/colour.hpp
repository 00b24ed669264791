#pragma once

// Colours of SPEC §11.4. Text is laid out on its plain width; escape codes are added around the
// painted segments only when the line is finished, so they never change a column.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/status.hpp>

namespace svcagent::render {

enum class ColourMode { automatic, always, never };  // --color=auto|yes|no
// Parses "auto", "yes", "no" (also "always"/"never"); nullopt otherwise.
[[nodiscard]] std::optional<ColourMode> parse_colour_mode(std::string_view text) noexcept;
// auto: stdout is a terminal, TERM is set and not "dumb", NO_COLOR is unset.
[[nodiscard]] bool use_colour(ColourMode mode, bool stdout_is_tty, std::optional<std::string_view> term,
                              bool no_color_set) noexcept;

enum class Colour { none, green, red, yellow, blue, bold };

// up, stdby up: green; down, stdby down: red; warn: yellow; n/a, undef: blue.
[[nodiscard]] Colour status_colour(Status s) noexcept;
// "warn"/"WARNING": yellow; "error"/"ERROR": red; others none.
[[nodiscard]] Colour level_colour(std::string_view level) noexcept;
// The text wrapped in the escape codes of the colour (unchanged for Colour::none).
[[nodiscard]] std::string paint(std::string_view text, Colour colour);

// One output line built from segments, aligned on plain-text columns.
class Line {
public:
    Line& add(std::string_view text, Colour colour = Colour::none);
    // Pads with blanks up to `column` (0-based); nothing when already there or past it.
    Line& pad_to(std::size_t column);
    [[nodiscard]] std::size_t width() const noexcept { return m_width; }
    // The line without trailing blanks, painted when `colour` is true.
    [[nodiscard]] std::string str(bool colour) const;

private:
    struct Segment {
        std::string text;
        Colour colour;
    };
    std::vector<Segment> m_segments;
    std::size_t m_width = 0;
};

}  // namespace svcagent::render
