#!/bin/sh
# Nightly logical backup of the Tận Tay database (docs/DEPLOY.md, "Backups"), run by
# tantay-backup.service as the postgres user. Install as /usr/local/sbin/tantay-backup (0755).
# Writes /var/backups/tantay/tantay-<UTC time>.dump (pg_dump custom format), checks that
# pg_restore can read it, and deletes dumps older than 14 days.
set -eu
umask 077  # the dumps hold personal data: readable by postgres only
port="${TANTAY_PGPORT:-5432}"
dir="${TANTAY_BACKUP_DIR:-/var/backups/tantay}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
pg_dump --port "$port" --format=custom --file "$dir/tantay-$stamp.dump.part" tantay
pg_restore --list "$dir/tantay-$stamp.dump.part" > /dev/null
mv "$dir/tantay-$stamp.dump.part" "$dir/tantay-$stamp.dump"
find "$dir" -name 'tantay-*.dump' -mtime +14 -delete
echo "tantay-backup: wrote $dir/tantay-$stamp.dump ($(stat -c %s "$dir/tantay-$stamp.dump") bytes)"
