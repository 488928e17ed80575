#!/usr/bin/env bash
# Extracts every marked string (tr, trc, trn, trNoop; src/i18n/i18n.h) into po/backstep.pot
# and merges it into po/es.po (new strings come in untranslated, for a translator to
# fill; the check in .ci/run fails until they are). Usage: po/extract.sh [OUT.pot]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-po/backstep.pot}
git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.h' | LC_ALL=C sort > /tmp/backstep-po-files.$$
# The presets' descriptions (assets/experiments/*.json, shown in the training window) as
# marked strings, for xgettext, which reads no JSON.
presets=$(dirname "$out")/presets.generated.cpp  # beside the .pot: the check writes nothing into the tree
python3 - "$presets" assets/experiments/*.json <<'PY'
import json, sys
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for path in sys.argv[2:]:
        text = json.load(open(path, encoding='utf-8'))['description']
        out.write('// %s\ntrNoop(%s);\n' % (path, json.dumps(text, ensure_ascii=False)))
PY
echo "$presets" >> /tmp/backstep-po-files.$$
xgettext --from-code=UTF-8 --language=C++ --keyword= --keyword=tr --keyword=trc:1c,2 --keyword=trn:1,2 --keyword=trNoop \
  --add-comments=TRANSLATORS: --package-name=backstep --msgid-bugs-address= --sort-by-file \
  --files-from=/tmp/backstep-po-files.$$ -o "$out"
rm -f /tmp/backstep-po-files.$$ "$presets"
if [ -z "${1:-}" ]; then
  if [ -f po/es.po ]; then msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-by-file po/es.po "$out"
  else msginit --no-translator --locale=es_ES.UTF-8 --input="$out" --output-file=po/es.po; fi
fi
