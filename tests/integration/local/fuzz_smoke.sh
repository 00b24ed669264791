#!/bin/bash
# Builds the libFuzzer target (clang) of the config lexer, converters and reference evaluator,
# and runs it for a bounded time on tests/fuzz/corpus. Fails on any crash, leak or timeout.
. "$(dirname "$0")/../lib.sh"
require_cmd clang++
src=${SVCAGENT_SOURCE_DIR:?}
work=$(mktemp -d /tmp/svcagent-fuzz.XXXXXX)
defer rm -rf --one-file-system "$work"
files=(tests/fuzz/fuzz_config.cpp src/config/ini_lexer.cpp src/config/converters.cpp src/config/converters_units.cpp
       src/config/references.cpp src/config/references_syntax.cpp src/config/expressions.cpp
       src/config/expressions_lexer.cpp src/config/expressions_ops.cpp src/config/expressions_text.cpp src/config/schema_keyword.cpp
       src/util/errors.cpp src/util/strings.cpp src/exec/runner.cpp)
args=()
for f in "${files[@]}"; do args+=("$src/$f"); done
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$src/include" -I"$src/src" -DFMT_SHARED "${args[@]}" -lfmt -o "$work/fuzz_config" || exit 1
cp -r "$src/tests/fuzz/corpus" "$work/corpus"
"$work/fuzz_config" -max_total_time="${SVCAGENT_FUZZ_SECONDS:-30}" -timeout=5 -max_len=4096 \
    -rss_limit_mb=2048 "$work/corpus"
