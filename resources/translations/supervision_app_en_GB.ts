<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <extracomment>(component, licence) of everything shipped in the app and its bundle.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Edit action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will be done?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will be done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who will do it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person responsible for the action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the action and name its owner to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Add an addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A correction or late information. It is dated now, shown after the signed record, and cannot be changed afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Written by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Addendum</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgencyConnectDialog</name>
    <message>
        <source>Connect to agency server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the records held on your agency&apos;s server, logging in as your own database login. Your agency&apos;s IT gives you the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password comes from your password file (PGPASSFILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the password empty if a password file or a client certificate logs you in. The password is never saved by this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is encrypted and the server&apos;s certificate is checked (TLS, sslmode=verify-full) unless the server is on this computer&apos;s local socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, like the example.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgencyConsent</name>
    <message>
        <source>Add an agency recovery key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content pack “{pack}” asks to add an agency recovery key held by {holder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact: {contact}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whoever holds this key&apos;s private half can open these records and reset the passphrase. Add it only if your agency&apos;s IT told you to and the fingerprint below matches the one they gave you.

Fingerprint: {fingerprint}
{contact}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <source>Agenda · about 5 minutes</source>
        <extracomment>The items or their minutes changed: save them (and rebuild the walk).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A core route through a reflective cycle (what happened, what it felt like and means, what might be going on, what we will do), and the themes this case points to. Reorder, remove, add, and give each item its minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned length of the session in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the agenda  →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested for this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not proposed for this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every prompt stays reachable under Browse all prompts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on the agenda yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse all prompts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse all prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the whole library and add any prompt to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} · {n} prompts, {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} items · {total} of {planned} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {over} min over: shorten or remove an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Added · remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {title} from the agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {title} to the agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes for item {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move item {n} up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move item {n} down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove item {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added from the library</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswerConflictDialog</name>
    <message>
        <source>Someone else saved this answer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While you were editing “{prompt}”, someone else saved a different text. Nothing has been overwritten. Choose which text to keep, or edit the merged text and save that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While you were filling in “{prompt}”, someone else saved different entries. Nothing has been overwritten. Choose which version to keep; the other stays here to copy from until you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their version (saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged text (edit, then save it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save merged text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>{app} cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the system (light or dark)</source>
        <extracomment>The default scheme: every colour of theme.py, by role. (foreground role, background role) pairs that carry text; each must reach 4.5:1.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutoLockDialog</name>
    <message>
        <source>Auto-lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window locks itself when nobody has used it for this long (between {low} and {high} minutes). Ctrl+L locks it at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Edit case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a pseudonymous reference and first names or initials only. Everything stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a pseudonymous reference and first names or initials only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. CSC-2041 — a code, not the family&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pseudonymous reference; do not use the family&apos;s names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The practitioner bringing the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line or separated by commas, e.g.
Children&apos;s Social Care
Health Visiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agencies involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One agency per line, or separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case &amp;reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every child in the household, and an unborn baby if there is one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseMemoryPanel</name>
    <message>
        <source>Show {n} earlier ({shown} of {total} shown)</source>
        <extracomment>rows each list builds at first (the chronology: its newest entries) rows each &quot;Show more&quot; adds</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show {n} more ({shown} of {total} shown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseOverview</name>
    <message>
        <source>Start a new session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case summary PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the case summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case file (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the whole case as a JSON record file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 session so far. Choose it in the case list to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} sessions so far. Choose one in the case list to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions yet. Start the first one when you sit down together.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTree</name>
    <message>
        <source>Cases and sessions</source>
        <extracomment>(case id, limit, offset) -&gt; one page of the case&apos;s sessions, newest first.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each case with its supervision sessions beneath it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No children listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case {reference}, children: {children}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} shown so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session of {date}, {answered}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <source>{item}: {choice}</source>
        <extracomment>Stored items that the current content no longer has: kept and saved back as they are.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: what you have noticed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on {item}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChildRow</name>
    <message>
        <source>First name or initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unborn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 6, or about 18 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}: name or initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}: unborn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick for an expected baby; the date is then the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}: date not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}: age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove child {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child {n}: {what}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChildrenEditor</name>
    <message>
        <source>Add a child</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompactLayout</name>
    <message>
        <source>Case list</source>
        <extracomment>Below this width (logical pixels) the window uses the compact layout.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the list of cases (F9)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentPacksDialog</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  {name} ({id}, version {version}): {n} extra prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agency content packs are loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation policy: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective marking: {marking}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (nothing from these packs is used):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs are read from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and any folder listed in {env}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content packs report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agency can add its own prompts, sources, escalation policy and protective marking in a content pack. A pack with a problem is skipped as a whole.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialDialog</name>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayInLifeEditor</name>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What does the child experience?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{child}, {period}: what the child experiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How do you know?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{child}, {period}: seen or reported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Edit decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the decision and the reasoning behind it, so that anyone reading the record later can see why it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was decided?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: the evidence, the risks weighed and the views taken into account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the decision was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both the decision and its rationale are needed before it can be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rationale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionsActionsPage</name>
    <message>
        <source>Decision</source>
        <extracomment>The actions table&apos;s narrow columns (owner, due, status) take at most these shares of the width, and wrap beyond it; the action text has the rest, so it is always the widest.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add decision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decisions recorded yet. Record each decision with its rationale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions yet. Give every action an owner and a due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record what was decided and why, and what will be done, by whom and by when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each decision needs a rationale: the reasons and evidence behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each action needs an owner and a due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this decision and its rationale from the session?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this action from the session?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopFeatures</name>
    <message>
        <source>Undo</source>
        <extracomment>Spell-check for every answer editor; &quot;my words&quot; live in the encrypted database.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last change to the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo the change just undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Underline misspelt words in the answers (British English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My words…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and remove the words you added to spell-check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the prompts and answers larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the prompts and answers smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large text and the current prompt prominent, with the case list hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scheme, reading font, text size and line spacing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help on the frameworks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each stage is about and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the app is for and where data is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size {sign}{zoom} pt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Create a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the fictional demo case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds an invented case to explore the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflective supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Think it through together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app guides a supervisor and a practitioner through a reflective supervision session about a child, one stage at a time. What you write is saved as you type and becomes a clear record with the decisions and actions you agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything stays on this computer. Use a pseudonymous case reference and first names or initials for children.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These records are kept on your agency&apos;s server, under your own login. Use a pseudonymous case reference and first names or initials for children.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Part of {path} could not be read: the file is damaged. What is on screen is kept; copy anything you typed just now somewhere safe, then restore the database from a backup (Security › Restore from a backup…).</source>
        <extracomment>The same message is not shown again within this many seconds of the last one closing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full, so that could not be done. Nothing you typed has been lost: free some space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy, so that could not be done. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be written to, so that could not be done. Nothing you typed has been lost. Check that the file and its folder can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not finish what you asked: an error it did not expect ({kind} at {where}). Nothing you typed has been lost: answers are saved as you type. If it happens again, tell your IT support what you did just before, and this detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <extracomment>The messages shown (for tests and for the log&apos;s count of repeats).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That could not be done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FocusFlow</name>
    <message>
        <source>Today</source>
        <extracomment>The agenda&apos;s items with their minutes, for the timer: [(rail title, minutes), ...], and the planned length of the session. &quot;n of m&quot; answered on the agenda.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item {n} of {total} · about {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {m}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <extracomment>The width the dialog opens at (if the screen has room); it can still be narrower.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>The questions in this stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help: the supervision frameworks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stage to read about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a case (Ctrl+N), then a session (Ctrl+Shift+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work through the stages in order or jump between them with Ctrl+PgDn and Ctrl+PgUp, or Alt+1 to Alt+9. Answers save themselves as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo and redo your typing with Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the prompts and answers larger with Ctrl+= and smaller with Ctrl+-.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation mode (F11) hides the case list and enlarges the text for sharing the screen; press F11 or Esc to leave it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session timer in the status bar shows the time used against the planned length and a share per stage. It never interrupts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record preview shows the record as it will print; Ctrl+E exports the PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance (Ctrl+,) sets the colour scheme, a reading font, larger text and wider line spacing for the prompts and answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a narrow window, or at 200% text on a laptop, the case list and the session take turns: F9 (View &gt; Case list) switches between them, and the stages are in a drop-down at the top of the session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeController</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs attention across all cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs attention could not be worked out: part of the records could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases due for supervision, overdue actions, escalations past their timescale and pattern prompts, most urgent first. Start begins the next session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needs attention today. Every case is within its supervision frequency, with no overdue actions or escalations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what needs attention…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cases ▸</source>
        <extracomment>Says that the list could not be worked out (a read failed); hidden otherwise.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case list, with every session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision is due {frequency}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the next session on {reference}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HypothesesLink</name>
    <message>
        <source>Add hypothesis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the hypotheses tool →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the hypotheses tool: each hypothesis with what it is based on, how it will be tested, its reviews and evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hypotheses live in one place, the hypotheses tool: each with what it is based on and how it will be tested. Nothing is typed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No current hypotheses yet. Aim for at least two, including the one you least want to be true.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <source>Locked</source>
        <extracomment>A gap between two idle checks longer than this means the machine slept: lock.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the records until the passphrase is typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the records and close the connection until you log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password for {login} was not accepted. Type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for the password of {login}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agency server could not be reached, so the window stays locked. Check your network and try again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the case&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the case and all its sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new supervision session for this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the session&apos;s date and attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session record as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export record file (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session as a record file that can be imported again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import record file (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a session from a record file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load demo case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the fictional demo case to explore the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Supervision App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and where your data is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is using this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name and role for the audit trail and sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every signed record against its fingerprint chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank paper template (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A printable record of the guided session, with room to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the session record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save everything and close the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search all cases…</source>
        <extracomment>Set by :func:`supervision_app.ui.app.build_window` once the window exists.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find words in every case and session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export case summary PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open actions, escalations, hypotheses, ratings and chronology as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a case or a session in the case list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern prompts are off: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} content pack(s) had problems and were skipped. See Help &gt; Content packs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protective marking on every page and when an addendum is late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content &amp;packs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case details saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session started. Answers are saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the session of {date} for case {reference}?

Its answers, decisions and actions will be removed from this computer. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the session of {date} for case {reference}?

Its answers, decisions and actions {removed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete case {reference} and its {n} session(s)?

Everything recorded for this case will be removed from this computer. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete case {reference} and its {n} session(s)?

Everything recorded for this case {removed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export case summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case summary saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the whole case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case file saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a record file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported the whole case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not imported.

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported into a new case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported into the existing case with that reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo case could not be loaded.

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo case was already loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded the fictional demo case. Everything in it is invented.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the blank paper template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper template saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything is saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some answers could not be saved yet. They are still in the window.

{error}

Keep the window open and try again in a moment? If you close now, the unsaved text will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving is taking too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the window open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemoryCards</name>
    <message>
        <source>Case so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sessions} earlier session(s) · {actions} open action(s), {red} overdue · {escalations} open escalation(s) · {prompts} pattern prompt(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sessions} session(s) · {actions} open action(s), {red} overdue · {escalations} open escalation(s) · {prompts} pattern prompt(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on to the reflection →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patterns from the serious case reviews show in this history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open actions from earlier sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{owner} · agreed {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History:
{history}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark done: {a}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: {a}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry forward…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry forward: {a}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise escalation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open escalations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open escalations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured against: {policy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{at} days at this stage; the policy allows {allowed}: overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{at} days at this stage; the policy allows {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stage}With {who} since {since} · raised {raised} · open {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stages: {steps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step up: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record outcome: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add hypothesis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hypotheses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aim for at least {n} hypotheses, including the one you least want to be true; say what each is based on and how it will be tested, then review and evaluate them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} current so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Based on: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it will be tested: {plan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviews:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review hypothesis: {h}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit hypothesis: {h}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaling over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest ({date}): child&apos;s safety {child}/10, worker&apos;s safety {worker}/10. If workers do not feel safe, the child is likely not safe either (Ferguson).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How safe is the child? (0 to 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How safe and authoritative do you feel? (0 to 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add event to the chronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in the chronology yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions on this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decisions recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rationale: {r}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemoryFormDialog</name>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {field}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemoryRecorder</name>
    <message>
        <source>&amp;Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry the action forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is it &amp;based on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How will it be &amp;tested?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What might be happening for this child? Hold it lightly and test it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To be tested: {plan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was it &amp;tested?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did that &amp;find?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluation so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the hypothesis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. {name} ({days} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise an escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What is being escalated?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timescale for this stage (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;With whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Raised on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following: {policy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step up the escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;With whom now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a referral)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the chronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral &amp;outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyWordsDialog</name>
    <message>
        <source>My words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words that spell-check accepts because you added them, often names of children, families and places. They are kept in the encrypted database with the notes, never in a spell-checker file, and are locked with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The words you added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A word to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No words yet: right-click an underlined word and choose “Add to my words”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageCheck</name>
    <message>
        <source>The database is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Create my encrypted database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome. First, protect your records</source>
        <extracomment>The user&apos;s name and role, and the login name: tried first by an attacker.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your records will now be encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision notes about children are kept only on this computer, in an encrypted database:
{path}

Choose a passphrase to lock it. You will type it each time you open the app and after it locks itself when idle. Nobody can open the records without it, or without the recovery key shown next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version encrypts the database:
{path}

Choose a passphrase. Your existing records are converted; the unencrypted copy is removed once the encrypted one has been checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You opened the records with the recovery key. Choose a new passphrase for everyday use; the recovery key keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the current passphrase, then the new one twice. The recovery key keeps working, and the records are not re-encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are different. Type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Protect the PDF with a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF will be encrypted with AES-256 and open only with this password. Send the password separately from the file. It cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a password of at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light, dark, high contrast, or follow the system&apos;s light or dark mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The font of the prompts, their explanations and your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger reading text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points added to the prompts and answers. Ctrl+= and Ctrl+- change it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line spacing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space between the lines of the prompts, their explanations and your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fonts such as OpenDyslexic, Lexend or Atkinson Hyperlegible are offered when they are installed on this computer. Wider line spacing (1.5) helps many readers, including people with dyslexia. Window text follows the system&apos;s font size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line &amp;spacing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spelling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check spelling as I type (British English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check spelling as I type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Underline misspelt words in the answers; right-click one for suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;My words…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and remove the words you added to spell-check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single (1.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1.25</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One and a half (1.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double (2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour scheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reading font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Larger reading text:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Record preview</source>
        <extracomment>Called before the record is read, so that typing still in the editors is committed first. Whether the user asked for the audit trail in the printed record.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supervision record as it will appear when exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save the accessible HTML beside the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a screen reader: the PDF is read as one flat stream of text, the HTML record has headings and tables it can move through. It is not password protected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extract for the child&apos;s file (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accessible record (HTML)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password-protected PDF (AES-256)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record exactly as it will be exported. Check it together before you export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record preview is not available in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record preview could not be shown ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the record as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the protected PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the extract for the child&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF export cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be written.

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF saved to {path}, and the accessible HTML beside it: {html}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF saved to {path}. For a screen reader, also export the accessible HTML record (More exports): the PDF has bookmarks but no tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to {printer}: pages {pages} of {total}, {copies} copies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to {printer}: pages {pages} of {total}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the accessible record (HTML)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HTML file could not be written.

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML record saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the record file (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record file could not be written.

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record file saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The printer {printer} could not be opened.</source>
        <extracomment>Highest resolution rendered, whatever a driver claims (1200 dpi is beyond a laser&apos;s toner). Bytes of pixels rendered at a time (a band of the page).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record could not be printed ({error}).</source>
        <extracomment>Resolution of the print preview&apos;s pages (the screen only; printing never uses them). Qt&apos;s private print engine key for the CUPS options the dialog collected (qcups_p.h). Lays the PDF out, calling ``progress(kind, value)`` as it goes (see ``record/pdf/render.py``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laying out the record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing pages for printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending page {done} of {total} to {printer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to {printer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptBrowserDialog</name>
    <message>
        <source>All prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the prompts, their themes and stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every prompt of the library, by stage. Choose one or more and add them to today&apos;s agenda. Prompts already on the agenda are marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On today&apos;s agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} prompts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptCard</name>
    <message>
        <source>Private by default: this answer goes into the printed record only if the practitioner chooses to include the wellbeing section at sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows or hides why this question matters and its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: {citation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes from the discussion: what was said, what you know and how you know it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RailFooter</name>
    <message>
        <source>✓  Decisions and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▤  Record preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✎  Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+PgDn / Ctrl+PgUp to move between pages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingsChart</name>
    <message>
        <source>Ratings over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ratings recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date}: child {child}, worker {worker}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ratings yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How safe is the child? (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How safe and authoritative does the worker feel? (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordSettingsDialog</name>
    <message>
        <source>Record settings</source>
        <extracomment>The most days the late-entry threshold can be set to (as the store allows).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protective marking is printed at the top and bottom of every page of the record, the extract and the paper template. An addendum written more than the given number of days after the session is marked as a late entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example OFFICIAL-SENSITIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late entry after this many days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective &amp;marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Late entry after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the protective marking, for example OFFICIAL-SENSITIVE.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsEditor</name>
    <message>
        <source>Add an entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an entry to {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry {n}: {field}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove entry {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>I have stored it, continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your agency recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the recovery key as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored the recovery key safely, away from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this key safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the passphrase is ever forgotten, this recovery key is the only other way to open the records. Print it, or save it as a PDF to a memory stick, and give it to whoever keeps your agency&apos;s keys (for example in the team safe). Do not keep it on this computer or with the laptop. It is shown only now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery key was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery key could not be saved to {path}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}. Move it off this computer, then delete it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please confirm that you have stored the recovery key safely.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreBackup</name>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision backups (*{suffix});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup cannot be restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records were restored from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything is saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some answers could not be saved yet, so nothing has been changed. Try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup was made under another key. Type the passphrase (or the recovery key) that was in use when it was made. After the restore, the records open with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase or recovery key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from the backup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup (made {created}) has been checked and can be restored.

The records on this computer will be replaced by the backup: everything written since it was made will be gone. The current database is kept until the restored one has opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with the backup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved at {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search all cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words to find in answers, actions, decisions, hypotheses, the chronology…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} result(s). Enter or double-click opens one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hypothesis review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecurityMenu</name>
    <message>
        <source>&amp;Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt with a new key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-lock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase has been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new agency recovery key replaces the one you stored: the old one will no longer open these records. Backups made before now still open with the old one. Type your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your new recovery key. Store it safely, away from this computer, and destroy the old one. Nothing changes until you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery key was not replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new recovery key is in use; the old one no longer opens the records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt with a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records are copied under a new encryption key, checked, and then replace the old file, which is overwritten. Do this if a copy of the database or its key file may have got out. Your passphrase stays the same; you get a new recovery key. Type your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The re-encrypted records will have this new recovery key; the old one will no longer open them. Store it safely, away from this computer. Nothing changes until you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records were not re-encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error}

The old recovery key still works; the new one shown is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records are now encrypted under a new key, with the new recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the encrypted database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision backups (*{suffix})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted backup written to {path}. It opens with the current passphrase or the recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Session details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new supervision session for case {reference}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the session took place and who was there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One person per line, with their role if useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One person per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one person who attended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTimer</name>
    <message>
        <source> min planned</source>
        <extracomment>Each agenda item&apos;s own share in minutes (empty: the stages share equally).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned session length in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{used} min used, {over} over the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{used} of {planned} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · this item {spent} of {share} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {over} min over: move on when you can, to reach the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · this stage {spent} min (about {share} planned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stage}: about {share} min, {spent} min so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timer only shows time; it never interrupts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <source>Session details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit session date and attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all explanations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows why each question matters and its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open actions, escalations, hypotheses, ratings and patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record has been signed and is read-only. Corrections and late information are added as addenda on the Sign-off page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add addendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With: {people}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions and actions</source>
        <extracomment>Below this width (logical pixels) the session plan becomes a drop-down (see set_compact). The agenda&apos;s items and their minutes, for the timer ([] without an agenda).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept from earlier versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers to questions from stages that are no longer in the prompts. They are kept exactly as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}, page {n} of {count}</source>
        <extracomment>The stage or agenda-item slots, by page index.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by one of you and read-only until the other signs. After both signatures, corrections and late information are added as addenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{answered} of {total} answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda · {progress}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Sign as the practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign as the supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By signing you confirm that this is an accurate record of the supervision. Once both have signed, the record is locked: corrections are added as addenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I disagree with part of this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you disagree with and why. It is printed with your signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include my wellbeing section in the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what you disagree with, or untick the box.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignOffPage</name>
    <message>
        <source>Sign as practitioner…</source>
        <extracomment>The sign-off state changed: True once anyone has signed (the record is then read-only). Someone named themselves as the user of this computer (before signing). Called before signing, so that typing still in the editors is committed first.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign as supervisor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add addendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the audit trail in the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off and audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by both and locked. Corrections and late information go in addenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by one, waiting for the {party}. The record can no longer be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed yet. Read the record preview together, then both sign. After the second signature the record is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{party}: {name}, {role}, signed {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded disagreement: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record fingerprint: {fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fingerprint yet: it is made when the record is signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum {n}, {when}, {author} ({role}){late}:
{text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — LATE ENTRY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No addenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: the stored record matches its fingerprint {fp}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed yet: there is nothing to verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOES NOT MATCH: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpellService</name>
    <message>
        <source>Spell-check is not available: the spell-check library (pyenchant) is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spell-check is not available: the Enchant library is not installed on this computer (on Linux, the libenchant-2-2 package).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spell-check is not available: no British English dictionary is installed (on Linux, the hunspell-en-gb package).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spell-check is not available: the dictionary would not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestions</source>
        <extracomment>Words or the switch changed: editors underline again.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “{word}” to my words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the encrypted database, never in a spell-checker file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore “{word}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept this word until the app closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The word could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageNavigator</name>
    <message>
        <source>Stages</source>
        <extracomment>A one-line row (the items of an agenda): the title elided, no subtitle or bar.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stages of the session, then decisions and actions and the record preview. Ctrl+Page Down and Ctrl+Page Up move between them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StagePage</name>
    <message>
        <source>Previous stage</source>
        <extracomment>A prompt that opens the structured hypotheses tool and stores no text of its own.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage {number} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers to earlier questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These questions are no longer in the prompts. The answers are kept exactly as written and still appear in the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This question came from an earlier version of the prompts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>←  Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: {title}  →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: {citation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept from an earlier version of the prompts, exactly as written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StagePicker</name>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Close · about {n} minutes</source>
        <extracomment>A choice changed (a score, its note, the review date): save the closing. (The free text autosaves like answers; the view wires :meth:`editors`.)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you take from today, in a few lines; the three questions; how safe each child is; what was decided and who does what; the next review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key reflection and analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The three questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs to happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety scaling for each child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add decision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open decisions and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is next reviewed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the next review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: record preview  →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: record preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 cannot live at home safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{child}: {score} out of 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 safe enough to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{child}: why this score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision: {text} (because {why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action: {text} ({owner}, by {due})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decisions or actions yet. Every decision needs its rationale; every action an owner and a due date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Opening · about {n} minutes</source>
        <extracomment>A choice changed (print the check-in, discuss / not today): save the opening. (The free text autosaves like answers; the view wires :meth:`editors`.) &quot;Discuss&quot; was chosen for an item: (its prompt id, its text).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How you are, the question you bring, and what has changed since last time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How are you today?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print this in the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The practitioner chooses whether the check-in goes into the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What do you most need help with today?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How are you today? Private unless you choose to print it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since last time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the case so far. Discuss puts the item on the agenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new since the last session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main worry for each child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: the agenda  →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: the agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{child}: the main worry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discuss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPanel</name>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the recovery key instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records in {path} are encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for {login}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for {login}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records on the agency server {server} are hidden and the connection is closed. Type the password of your login {login} to connect again. Nothing you had typed is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records on the agency server {server} are hidden and the connection is closed. Your login {login} uses a password file (PGPASSFILE) or a client certificate, so the server asks for no password: Connect again logs in with it. Nothing you had typed is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key (8 groups of 4 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the passphrase instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of 32 characters typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait {n} seconds before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Who is using this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name and role are written in the record&apos;s audit trail and suggested when you sign. This is not a password: anyone at this computer can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example Social worker, Team manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{bad} record(s) no longer match what was signed. Their stored content was changed outside the app, or the server&apos;s database is damaged. Compare them with the printed copies (same fingerprint) and tell your agency&apos;s IT, who keep the server&apos;s backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{bad} record(s) no longer match what was signed. Their stored content was changed outside the app, or the database is damaged. Compare them with the printed copies (same fingerprint) and restore from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All {n} signed record(s) match their fingerprints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOES NOT MATCH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint {fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{app} guides a supervisor and a practitioner through a reflection on one case, one stage at a time, from professional curiosity and the lived experience of the child to escalation (Help lists every stage). It records decisions and actions and prints a supervision record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is kept only on this computer, in:
{path}
Nothing is sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To look around without typing, choose “Load the fictional demo case” on the start screen before you create a case: everything in it is invented. F1 opens the help at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>a11y</name>
    <message>
        <source>Error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
