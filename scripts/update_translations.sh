#!/usr/bin/env bash
# Refresh the translation sources from the code, and compile them for the app.
#
#   scripts/update_translations.sh           # update every resources/translations/*.ts
#   scripts/update_translations.sh --release # also compile each .ts to .qm (what the app loads)
#
# Uses pyside6-lupdate / pyside6-lrelease from the PySide6 wheel. docs/translating.md explains
# the translator's side.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(dirname "$(command -v "${PYTHON:-python3}")")"
LUPDATE="${LUPDATE:-$BIN/pyside6-lupdate}"
LRELEASE="${LRELEASE:-$BIN/pyside6-lrelease}"
mapfile -t SOURCES < <(find supervision_app/ui -name '*.py' | sort)
# en_GB is the source text; a new language starts with e.g. LANGUAGES=cy scripts/update_translations.sh
LANGUAGES="${LANGUAGES:-} en_GB $({ ls resources/translations/*.ts 2>/dev/null || true; } | sed 's/.*supervision_app_\(.*\)\.ts/\1/')"
for lang in $(echo "$LANGUAGES" | tr ' ' '\n' | sort -u); do
    ts="resources/translations/supervision_app_$lang.ts"
    "$LUPDATE" "${SOURCES[@]}" -source-language en_GB -target-language "$lang" -no-obsolete -locations none -ts "$ts"
done
if [[ "${1:-}" == "--release" ]]; then
    for ts in resources/translations/*.ts; do "$LRELEASE" "$ts" -qm "${ts%.ts}.qm"; done
fi
