#include "config/expressions.hpp"

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace svcagent::config {
namespace {

struct ExprVector {
    std::string id;
    nlohmann::json data;
};

void PrintTo(const ExprVector& v, std::ostream* os) {
    *os << v.id;
}

std::vector<ExprVector> load_vectors() {
    std::ifstream in(std::string{SVCAGENT_FIXTURES_DIR} + "/config/expressions.json");
    const auto doc = nlohmann::json::parse(in);
    std::vector<ExprVector> out;
    for (const auto& v : doc.at("vectors")) {
        out.push_back({v.at("id").get<std::string>(), v});
    }
    return out;
}

// The JSON type of "expected" says which type the value must have.
ExprValue from_json(const nlohmann::json& j) {
    if (j.is_null()) {
        return ExprValue{};
    }
    if (j.is_boolean()) {
        return ExprValue{j.get<bool>()};
    }
    if (j.is_number_integer()) {
        return ExprValue{j.get<std::int64_t>()};
    }
    if (j.is_number_float()) {
        return ExprValue{j.get<double>()};
    }
    return ExprValue{j.get<std::string>()};
}

class ExpressionVectors : public testing::TestWithParam<ExprVector> {};

TEST_P(ExpressionVectors, EvaluatesAsSpecified) {
    const nlohmann::json& v = GetParam().data;
    const std::string expr = v.at("expr").get<std::string>();
    if (v.contains("error")) {
        try {
            const ExprValue value = evaluate_expression(expr);
            FAIL() << expr << ": expected an error, got " << to_repr(value);
        } catch (const ExpressionError& e) {
            EXPECT_NE(std::string{e.what()}.find(v.at("error").get<std::string>()), std::string::npos)
                << expr << ": " << e.what();
        }
        return;
    }
    const ExprValue value = evaluate_expression(expr);
    if (v.contains("expected")) {
        const ExprValue expected = from_json(v.at("expected"));
        EXPECT_EQ(value.data.index(), expected.data.index()) << expr << ": type " << type_name(value);
        EXPECT_EQ(value, expected) << expr << ": got " << to_repr(value);
    }
    if (v.contains("text")) {
        EXPECT_EQ(to_text(value), v.at("text").get<std::string>()) << expr;
    }
}

INSTANTIATE_TEST_SUITE_P(Spec, ExpressionVectors, testing::ValuesIn(load_vectors()),
                         [](const testing::TestParamInfo<ExprVector>& param_info) {
                             return param_info.param.id;
                         });

TEST(ExpressionText, FloatsUseShortestRoundTrip) {
    EXPECT_EQ(to_text(ExprValue{3.5}), "3.5");
    EXPECT_EQ(to_text(ExprValue{2.0}), "2.0");
    EXPECT_EQ(to_text(ExprValue{-0.25}), "-0.25");
    EXPECT_EQ(to_text(ExprValue{123456.0}), "123456.0");
    EXPECT_EQ(to_text(ExprValue{1e22}), "1e+22");
    EXPECT_EQ(to_text(ExprValue{0.0001}), "0.0001");
}

TEST(ExpressionText, StringsAsIsButQuotedInsideTuples) {
    EXPECT_EQ(to_text(ExprValue{std::string{"a b"}}), "a b");
    EXPECT_EQ(to_text(ExprValue{ExprValue::Tuple{ExprValue{std::string{"it's"}}, ExprValue{true}}}),
              "(\"it's\", True)");
}

TEST(ExpressionFind, ParenthesesNestAndQuotedOnesDoNotCount) {
    const std::string text = "x $(('(' + \")\") * (1+1)) y";
    const auto span = find_expression(text);
    ASSERT_TRUE(span.has_value());
    EXPECT_EQ(span->inner(text), "('(' + \")\") * (1+1)");
    EXPECT_EQ(text.substr(span->end), " y");
}

TEST(ExpressionFind, UnterminatedIsAnError) {
    EXPECT_THROW(static_cast<void>(find_expression("a $(1+(2)")), SubstitutionError);
    EXPECT_FALSE(find_expression("no expression (here)").has_value());
}

TEST(ExpressionSubstitution, WholeValueExpressionKeepsItsType) {
    const auto sub = substitute_expressions("  $(1+2) ");
    EXPECT_TRUE(sub.single);
    EXPECT_EQ(sub.value, ExprValue{std::int64_t{3}});
    EXPECT_EQ(substitute_expressions("$(1==1)").value, ExprValue{true});
}

TEST(ExpressionSubstitution, EmbeddedExpressionsBecomeText) {
    const auto sub = substitute_expressions("$(1+1) and $(2+2)");
    EXPECT_FALSE(sub.single);
    EXPECT_EQ(sub.value, ExprValue{std::string{"2 and 4"}});
    EXPECT_EQ(substitute_expressions("x $(1==1)").value, ExprValue{std::string{"x True"}});
    EXPECT_EQ(substitute_expressions("no expression").value, ExprValue{std::string{"no expression"}});
}

TEST(ExpressionSubstitution, ProducedTextIsNotEvaluatedAgain) {
    EXPECT_EQ(substitute_expressions("$('$(' + '1+1)') x").value, ExprValue{std::string{"$(1+1) x"}});
}

TEST(ExpressionSubstitution, ErrorNamesTheExpression) {
    try {
        static_cast<void>(substitute_expressions("a $(rm -rf /) b"));
        FAIL() << "expected an error";
    } catch (const SubstitutionError& e) {
        EXPECT_EQ(e.expression(), "rm -rf /");
        EXPECT_EQ(std::string{e.what()}, "invalid expression: rm -rf /: unexpected end of expression");
    }
}

}  // namespace
}  // namespace svcagent::config
