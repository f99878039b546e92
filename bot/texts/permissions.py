"""German texts of the permission checks for changing the shared sources."""

# In a group, by someone who is not an admin there.
GROUP_ADMINS_ONLY = "Das dürfen in Gruppen nur Admins."
# In a private chat, by someone the bot has not seen as admin of one of its groups.
PRIVATE_NOT_EDITOR = (
    "Die Quellen teilen sich alle Chats; ändern dürfen sie nur Admins der Gruppen, in denen "
    "ich bin. Bist du dort Admin, schreib dort einmal etwas an mich (z. B. /hilfe) – dann "
    "erkenne ich dich auch hier."
)
# JOURFIXE_EDITORS is set and the user is not on it.
EDITORS_ONLY = (
    "Die Quellen teilen sich alle Chats; ändern dürfen sie nur die dafür eingetragenen "
    "Personen. Bitte wende dich an die Person, die den Bot betreibt."
)
# A button press that would change the sources, without the question it answers.
NOT_CONFIRMED = "Diese Bestätigung gilt nicht (mehr). Es wurde nichts geändert."

# Short forms for the toast of a button press (Telegram shows at most 200 characters there).
PRIVATE_NOT_EDITOR_TOAST = "Das dürfen nur Admins der Gruppen, in denen ich bin. Nichts geändert."
EDITORS_ONLY_TOAST = "Das dürfen nur die dafür eingetragenen Personen. Nichts geändert."
