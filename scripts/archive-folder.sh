#!/bin/sh
# archive-folder.sh — a nightly archiving job built on postocr.
#
# Reads every screenshot under FOLDER (and any WARC file or saved page in it) into the SQLite
# archive ARCHIVE. Images already archived are skipped without OCR, so the job costs only what
# is new. Tonight's new records are kept as JSON Lines in LOGDIR, the new posts are listed, and
# images that could not be read are named.
#
# Exit status: 0 when the run completed — even if some images in the folder are broken (they
# are listed, and archived as failures so they are not retried every night); non-zero only on
# a real failure: postocr missing, the archive unusable or busy, the run killed.
#
# Usage: archive-folder.sh FOLDER ARCHIVE [LOGDIR]
#   LOGDIR defaults to postocr-logs/ beside the archive.
#   POSTOCR=/path/to/postocr selects the binary (default: postocr on PATH).
# Cron:
#   15 2 * * * /opt/postocr/scripts/archive-folder.sh /srv/shots /srv/posts.sqlite >>/var/log/postocr.log 2>&1

set -u
usage="usage: archive-folder.sh FOLDER ARCHIVE [LOGDIR]"
folder=${1:?$usage}
archive=${2:?$usage}
logdir=${3:-$(dirname -- "$archive")/postocr-logs}
postocr=${POSTOCR:-postocr}

mkdir -p -- "$logdir" || exit 2
stamp=$(date -u +%Y%m%dT%H%M%SZ)
since=$(date -u +%Y-%m-%dT%H:%M:%S)
new="$logdir/new-$stamp.jsonl"
log="$logdir/run-$stamp.log"

echo "archive-folder: $folder -> $archive ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
"$postocr" --db "$archive" --quiet "$folder" >"$new" 2>"$log"
rc=$?
# postocr's one-line summary ("N images: A new, B skipped, C failed; …") and any warnings.
sed 's/^/  /' "$log"

case $rc in
0 | 1) ;;
*)
    echo "archive-folder: postocr failed (exit $rc); nothing more to report" >&2
    exit "$rc"
    ;;
esac

if [ "$rc" -eq 1 ]; then
    echo "archive-folder: images that could not be read:"
    # Records are one JSON object per line, "path" first; good enough for a person to read.
    grep '"status":"error"' "$new" |
        sed -e 's/^{"path":"\([^"]*\)".*"message":"\([^"]*\)".*/  \1: \2/'
fi

if grep -q '"status":"[on]' "$new"; then
    echo "archive-folder: new images:"
    grep -v '"status":"error"' "$new" |
        sed -e 's/^{"path":"\([^"]*\)".*"status":"\([a-z_]*\)".*/  \1 (\2)/'
    echo "archive-folder: new posts:"
    "$postocr" search --db "$archive" --processed-since "$since" 2>/dev/null | sed 's/^/  /'
else
    echo "archive-folder: nothing new"
fi

if [ -s "$new" ]; then
    echo "archive-folder: tonight's records: $new"
else
    rm -f -- "$new"
fi
exit 0
