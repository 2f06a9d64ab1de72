#!/usr/bin/env bash
# The Python wheel, built and tested as a user gets it: builds it with
# maturin (pyproject.toml; Cargo.toml's `wheel` profile), installs it into
# a FRESH virtual environment (no source tree on its path) and runs the
# pytest tests of python/tests/ against the installed package and its
# `replylint` command. Extra arguments go to pytest.
#
#   scripts/test-wheel.sh            build, install, test
#   scripts/test-wheel.sh --setup    only make the build environment
#   scripts/test-wheel.sh --recipes  also install pandas, Dask and PySpark
#                                    and run python/recipes/ (opt-in: a
#                                    few hundred MB from PyPI)
#
# REPLYLINT_WHEEL_PROFILE names another Cargo profile to build with (CI
# uses `dev`, whose dependencies the test suite has built already).
#
# Virtual environments: target/wheel-build-venv (maturin; made
# once) and target/wheel-test-venv (made again each run). The wheel is
# written to target/wheels/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
build=$target/wheel-build-venv
pip_quiet=(--quiet --disable-pip-version-check)

if [[ ! -x $build/bin/maturin ]]; then
    rm -rf "$build"
    if ! python3 -m venv "$build" \
        || ! "$build/bin/pip" install "${pip_quiet[@]}" 'maturin>=1.7,<2'; then
        rm -rf "$build"
        echo "error: could not make a virtual environment with maturin in $build" >&2
        exit 2
    fi
fi
recipes=0
case ${1:-} in
    --setup) exit 0 ;;
    --recipes) recipes=1; shift ;;
esac

start=$SECONDS
rm -rf "$target/wheels"
profile=()
if [[ -n ${REPLYLINT_WHEEL_PROFILE:-} ]]; then
    profile=(--profile "$REPLYLINT_WHEEL_PROFILE")
fi
"$build/bin/maturin" build --quiet "${profile[@]}" --out "$target/wheels"
wheels=("$target"/wheels/replylint-*.whl)
echo "built ${wheels[0]##*/} in $((SECONDS - start)) s"

# A fresh environment with only the wheel (and pytest): what `pip install
# replylint-….whl` gives a user, without a Rust toolchain at install.
venv=$target/wheel-test-venv
rm -rf "$venv"
python3 -m venv "$venv"
# The wheel has no dependencies: nothing but it from the index.
"$venv/bin/pip" install "${pip_quiet[@]}" --no-index "${wheels[0]}"
"$venv/bin/pip" install "${pip_quiet[@]}" 'pytest>=8'
if [[ $recipes == 1 ]]; then
    "$venv/bin/pip" install "${pip_quiet[@]}" pandas 'dask[dataframe,distributed]' pyarrow pyspark
fi
echo "installed into $venv: $("$venv/bin/replylint" --version), $("$venv/bin/python" -c 'import replylint; print("import replylint", replylint.__version__)')"

# From outside the source tree: `import replylint` finds site-packages'.
cd python/tests
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
if [[ $recipes == 1 ]]; then
    cd ../recipes
    for recipe in pandas_audit.py dask_audit.py spark_audit.py; do
        echo "::: $recipe"
        "$venv/bin/python" "$recipe" --rows 5000
    done
fi
