"""German texts about the database itself: damage, repair, backup and restore.

Each error is one sentence saying what happened and what to do; ``{path}`` is the database
file, ``{backups}`` the folder of the daily backups.
"""

NOT_A_DATABASE = (
    "Die Datei {path} ist keine SQLite-Datenbank oder ist beschädigt – bitte mit "
    "„jourfixe restore SICHERUNG“ eine Sicherung (z. B. aus {backups}) zurückspielen oder "
    "JOURFIXE_DB auf eine andere Datei setzen."
)
DAMAGED = (
    "Die Datenbank {path} ist beschädigt – bitte „jourfixe index --rebuild“ ausführen und, "
    "falls das nicht hilft, mit „jourfixe restore SICHERUNG“ eine Sicherung aus {backups} "
    "zurückspielen."
)
READ_ONLY = (
    "Die Datenbank {path} ist schreibgeschützt – bitte Schreibrechte für die Datei und ihren "
    "Ordner geben oder JOURFIXE_DB auf einen beschreibbaren Ort setzen."
)
CANNOT_OPEN = (
    "Die Datenbank {path} lässt sich nicht öffnen – bitte prüfen, ob ihr Ordner existiert und "
    "beschreibbar ist (JOURFIXE_DATA_DIR, JOURFIXE_DB)."
)
LOCKED = (
    "Die Datenbank {path} ist gerade durch einen anderen Vorgang gesperrt – bitte kurz warten "
    "und es dann noch einmal versuchen."
)
DISK_FULL = (
    "Für die Datenbank {path} ist kein Platz mehr auf dem Datenträger – bitte Platz schaffen "
    "und es dann noch einmal versuchen."
)
OTHER = (
    "Die Datenbank {path} meldet einen Fehler ({detail}) – bitte „jourfixe index --rebuild“ "
    "ausführen oder mit „jourfixe restore SICHERUNG“ eine Sicherung aus {backups} zurückspielen."
)
DIR_FAILED = (
    "Der Ordner {path} für die Datenbank lässt sich nicht anlegen ({detail}) – bitte "
    "JOURFIXE_DATA_DIR oder JOURFIXE_DB auf einen beschreibbaren Ort setzen."
)
FILE_FAILED = (
    "Die Datei {path} lässt sich nicht lesen oder schreiben ({detail}) – bitte prüfen, ob es "
    "sie gibt und ob die Rechte stimmen."
)
USER_TABLE_DAMAGED = (
    "In der Datenbank {path} ist nicht nur der Suchindex beschädigt, sondern auch die Tabelle "
    "„{table}“ – ich habe nichts verändert; bitte mit „jourfixe restore SICHERUNG“ eine "
    "Sicherung aus {backups} zurückspielen."
)

# --- repair at start and `jourfixe index --rebuild` -------------------------------------------
REPAIRED_AT_START = (
    "Die Datenbank war beschädigt; ich habe den Suchindex neu aufgebaut, alle Notizen, Sitzungen "
    "und Termine sind übernommen (die beschädigte Fassung liegt unter {copy})."
)
REPAIRED = (
    "Die Datenbank war beschädigt: Suchindex neu aufgebaut, Notizen, Sitzungen und Termine "
    "übernommen; die beschädigte Fassung liegt unter {copy}. Läuft der Bot, bitte neu starten."
)

# --- backup and restore -----------------------------------------------------------------------
NO_DATABASE = "Unter {path} gibt es noch keine Datenbank – es gibt nichts zu sichern."
BACKUP_DONE = "Sicherung geschrieben: {file} ({size})."
BACKUP_TARGET_FAILED = "Die Sicherung {file} lässt sich nicht schreiben ({detail})."
RESTORE_MISSING = "Die Sicherung {file} gibt es nicht."
RESTORE_NOT_A_BACKUP = (
    "{file} ist keine lesbare jourfixe-Sicherung ({detail}) – ich habe nichts verändert."
)
RESTORE_DONE = (
    "Wiederhergestellt aus {file}. Die bisherige Datenbank liegt unter {previous}. "
    "Läuft der Bot gerade, bitte neu starten."
)
RESTORE_DONE_NO_PREVIOUS = "Wiederhergestellt aus {file}. Läuft der Bot gerade, bitte neu starten."

# --- command line help ------------------------------------------------------------------------
CLI_BACKUP_HELP = "Die Datenbank sichern (auch während der Bot läuft)"
CLI_BACKUP_FILE = "Zieldatei, z. B. jourfixe-sicherung.db"
CLI_RESTORE_HELP = "Eine Sicherung zurückspielen (die bisherige Datenbank wird aufgehoben)"
CLI_RESTORE_FILE = "die Sicherungsdatei"
