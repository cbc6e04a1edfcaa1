#!/usr/bin/env bash
# Build the one-folder Linux bundle, then smoke-test the built binary offscreen:
# it starts, loads the demo case into a new database, exports a PDF, opens and closes the
# window, and exits cleanly. Prints the bundle's size and start-up time.
#
#   packaging/build_linux.sh            # uses the python on PATH (or $PYTHON)
#
# Needs the app and the `packaging` extra installed:  pip install -e '.[packaging]'
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

echo "== icons"
"$PYTHON" packaging/make_icons.py build/icons

echo "== translations"
PYTHON="$PYTHON" scripts/update_translations.sh --release

echo "== bundle"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/supervision_app.spec
BUNDLE=dist/supervision-app
BIN="$BUNDLE/supervision-app"
install -D -m 644 build/icons/supervision-app-256.png "$BUNDLE/share/icons/supervision-app.png"
install -D -m 644 packaging/linux/supervision-app.desktop "$BUNDLE/share/applications/supervision-app.desktop"

echo "== bundled libraries"
# The encrypted database, the PDF's text shaping, printing: each is imported lazily or from
# a compiled extension, so check the analysis found them.
for part in sqlcipher3 uharfbuzz pypdfium2 pypdfium2_raw; do
    test -d "$BUNDLE/_internal/$part" || { echo "missing from the bundle: $part" >&2; exit 1; }
done
# QtNetwork: the single-instance check (QLocalSocket); QtDBus: locking on screen lock or sleep.
for qt in QtPrintSupport QtNetwork QtDBus; do
    ls "$BUNDLE"/_internal/PySide6/$qt.* >/dev/null 2>&1 \
        || { echo "missing from the bundle: PySide6.$qt" >&2; exit 1; }
done
echo "sqlcipher3, uharfbuzz, pypdfium2, QtPrintSupport, QtNetwork and QtDBus are bundled"

echo "== smoke test"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen
export SUPERVISION_APP_DATA_DIR="$WORK/data"   # never touch the builder's own data
# Scripted unlock for the throw-away smoke database (never a command-line argument).
export SUPERVISION_APP_PASSPHRASE="smoke test $(date +%s%N)"
DB="$WORK/smoke.sqlite3"
"$BIN" --version
"$BIN" demo --db "$DB"
SESSION_ID="$("$BIN" list --db "$DB" | awk '/^  session /{print $2; exit}')"
"$BIN" export "$SESSION_ID" --pdf "$WORK/record.pdf" --db "$DB"
test -s "$WORK/record.pdf"
head -c 5 "$WORK/record.pdf" | grep -q '%PDF-' || { echo "not a PDF" >&2; exit 1; }
START=$(date +%s.%N)
timeout 60 "$BIN" gui --smoke-test --db "$DB" 2>"$WORK/gui.err" || {
    cat "$WORK/gui.err" >&2; echo "the window did not start and close cleanly" >&2; exit 1; }
END=$(date +%s.%N)
# Spell-check is optional: bundled when pyenchant works here (the `spellcheck` extra, with the
# system's libenchant-2-2 and hunspell-en-gb). The window opens the dictionary just after it
# shows, and Enchant then makes its (empty) files in the app's config folder.
if "$PYTHON" -c "import enchant; assert enchant.Broker().dict_exists('en_GB')" 2>/dev/null; then
    test -e "$SUPERVISION_APP_DATA_DIR/config/enchant/en_GB.dic" \
        || { echo "spell-check did not open its dictionary in the bundle" >&2; exit 1; }
    echo "spell-check opened the en_GB dictionary in the bundle"
fi

echo "== result"
echo "bundle size: $(du -sh "$BUNDLE" | cut -f1) ($BUNDLE)"
printf 'start, show the window and exit: %.2f s (wall clock, offscreen)\n' "$(echo "$END - $START" | bc)"
echo "smoke test passed"
