#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that po/POTFILES.in is complete and current:
#  - every .c and .ui file under src/ with a translatable string is listed
#    (_(), N_(), C_(), NC_(), ngettext() or translatable="yes");
#  - every desktop, metainfo, schema and MIME file under data/ is listed;
#  - every listed file exists;
#  - po/LINGUAS and the po/*.po files name the same languages;
#  - xgettext reads every listed file without an error (when installed).
# Usage: check-potfiles.sh [SOURCE_ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

status=0
listed=$(grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sed 's/[[:space:]]*$//' | sort -u)

marked=$(grep -rlE --include='*.c' --include='*.ui' \
           '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(|translatable="yes"' \
           src | sort -u)
data=$(find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
                                      -o -name '*.gschema.xml' -o -name '*.mime.xml' \) | sort -u)

for f in $marked $data; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "po/POTFILES.in: $f has translatable strings but is not listed" >&2
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in: $f is listed but does not exist" >&2
    status=1
  fi
done

linguas=$({ grep -v '^[[:space:]]*#' po/LINGUAS || true; } | tr -s ' \t' '\n\n' | sed '/^$/d' | sort -u)
pofiles=$(find po -maxdepth 1 -name '*.po' -printf '%f\n' | sed 's/\.po$//' | sort -u)
if [ "$linguas" != "$pofiles" ]; then
  echo "po/LINGUAS names [$(echo $linguas)] but po/ holds .po files for [$(echo $pofiles)]" >&2
  status=1
fi

# The same keywords as meson's i18n "glib" preset.
if [ $status -eq 0 ] && command -v xgettext >/dev/null; then
  pot=$(mktemp)
  trap 'rm -f "$pot"' EXIT
  if ! xgettext --package-name=chronoscope --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --files-from=po/POTFILES.in --output="$pot" 2>"$pot.log"; then
    cat "$pot.log" >&2
    status=1
  elif grep -q . "$pot.log"; then
    # A warning is a string translators would get wrong.
    cat "$pot.log" >&2
    status=1
  fi
  rm -f "$pot.log"
  if [ $status -eq 0 ]; then
    echo "check-potfiles: $(grep -c '^msgid ' "$pot") strings from $(wc -l <<<"$listed") files"
  fi
fi

exit $status
