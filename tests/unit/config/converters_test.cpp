#include "config/converters.hpp"

#include <cctype>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace svcagent::config {
namespace {

using nlohmann::json;

// The vectors of SPEC §3.3 (plus a few more), one per fixture entry.
std::vector<json> load_vectors() {
    std::ifstream in(SVCAGENT_FIXTURES_DIR "/config/converters.json");
    return json::parse(in).get<std::vector<json>>();
}

ValueType type_named(const std::string& name) {
    static const std::map<std::string, ValueType> k_types{{"string", ValueType::string},
                                                          {"lower", ValueType::lower},
                                                          {"boolean", ValueType::boolean},
                                                          {"integer", ValueType::integer},
                                                          {"size", ValueType::size},
                                                          {"duration", ValueType::duration},
                                                          {"list", ValueType::list},
                                                          {"list_lower", ValueType::list_lower},
                                                          {"list_comma", ValueType::list_comma},
                                                          {"set", ValueType::set},
                                                          {"schedule", ValueType::schedule},
                                                          {"shlex", ValueType::shlex}};
    return k_types.at(name);
}

json to_json(const ValueData& data) {
    return std::visit(
        [](const auto& value) -> json {
            if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::monostate>) {
                return nullptr;
            } else {
                return value;
            }
        },
        data);
}

// Runs one vector: the unit API when the vector names a unit or a multiple, convert() otherwise.
json run(const json& vector) {
    const ValueType type = type_named(vector.at("type"));
    const std::optional<std::string> input =
        vector.at("input").is_null() ? std::nullopt : std::optional<std::string>{vector.at("input")};
    if (type == ValueType::size && (vector.contains("to") || vector.contains("round"))) {
        return size_to_unit(*input, vector.value("to", ""), vector.value("round", std::int64_t{1}));
    }
    if (type == ValueType::duration && (vector.contains("to") || vector.contains("from"))) {
        return to_duration(*input, vector.value("to", "s"), vector.value("from", "s"));
    }
    return to_json(convert(type, input));
}

class ConverterVector : public testing::TestWithParam<json> {};

TEST_P(ConverterVector, GivesTheSpecifiedResultOrError) {
    const json& vector = GetParam();
    SCOPED_TRACE(vector.dump());
    if (!vector.contains("error")) {
        EXPECT_EQ(run(vector), vector.at("result"));
    } else if (vector.at("error") == "unit") {
        EXPECT_THROW((void)run(vector), std::invalid_argument);
    } else {
        try {
            const json result = run(vector);
            ADD_FAILURE() << "no error, got " << result.dump();
        } catch (const ConversionError& e) {
            EXPECT_EQ(e.value(), vector.at("input"));
            EXPECT_EQ(e.type(), type_named(vector.at("type")));
            if (vector.contains("message")) {
                EXPECT_EQ(std::string{e.what()}, vector.at("message"));
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Spec, ConverterVector, testing::ValuesIn(load_vectors()),
                         [](const testing::TestParamInfo<json>& param_info) {
                             std::string name = param_info.param.at("id");
                             for (char& c : name) {
                                 c = std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
                             }
                             return name;
                         });

TEST(Converters, ScheduleItemsCarryRangeAndInterval) {
    const auto items = parse_schedule("22:00-02:00@30, @60,00:00-06:00");
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(items[0].begin, 22 * 60);
    EXPECT_EQ(items[0].end, 2 * 60);
    EXPECT_EQ(items[0].interval, 30);
    EXPECT_FALSE(items[1].begin.has_value());
    EXPECT_EQ(items[1].interval, 60);
    EXPECT_EQ(items[2].end, 6 * 60);
    EXPECT_FALSE(items[2].interval.has_value());
    EXPECT_EQ(items[2].text, "00:00-06:00");
}

TEST(Converters, ToBytesLeavesExtentFormsToLvcreate) {
    EXPECT_EQ(to_bytes("100%FREE"), std::nullopt);
    EXPECT_EQ(to_bytes("20%"), std::nullopt);
    EXPECT_EQ(to_bytes("2G"), 2 * 1073741824LL);
}

TEST(Converters, SizeToUnitRefusesExtentForms) {
    EXPECT_THROW((void)size_to_unit("50%FREE", "M"), ConversionError);
    EXPECT_THROW((void)size_to_unit("1G", "M", 0), std::invalid_argument);
    EXPECT_EQ(size_to_unit("1G", "M", 4), 1024);
    EXPECT_EQ(size_to_unit("1G", "MiB"), 1073);
}

TEST(Converters, DurationRoundsDownTowardNegativeInfinity) {
    EXPECT_EQ(to_duration("90s", "m"), 1);
    EXPECT_EQ(to_duration("-90s", "m"), -2);
}

TEST(Converters, ConversionErrorMessageFollowsTheSpecForm) {
    try {
        (void)convert(ValueType::duration, std::string_view{"5x"});
        FAIL() << "no error";
    } catch (const ConversionError& e) {
        EXPECT_EQ(std::string{e.what()}, "invalid duration \"5x\" (expected <n>[wdhms]..., e.g. 1h30m)");
        EXPECT_EQ(e.expected(), "<n>[wdhms]..., e.g. 1h30m");
    }
}

TEST(Converters, ExpectedFormIsEmptyForTypesThatAcceptAnything) {
    EXPECT_TRUE(expected_form(ValueType::string).empty());
    EXPECT_TRUE(expected_form(ValueType::list).empty());
    EXPECT_FALSE(expected_form(ValueType::size).empty());
}

}  // namespace
}  // namespace svcagent::config
