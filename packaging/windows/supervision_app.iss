; Per-user Windows installer for Supervision App (Inno Setup 6).
;
; Build on Windows after the PyInstaller bundle (see docs/packaging.md):
;   iscc /DAppVersion=0.1.0 packaging\windows\supervision_app.iss
; Installs into %LOCALAPPDATA%\Programs without administrator rights, adds a Start-menu
; entry, and uninstalls without touching the user's data unless the user asks for it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Supervision App"
#define AppExe "supervision-app.exe"
#define Bundle "..\..\dist\supervision-app"

[Setup]
AppId={{6C1B8F3E-52B4-4C6B-9E55-3F1D2B7A9C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The supervision_app team
DefaultDirName={autopf}\Supervision App
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user, no administrator rights: {autopf} becomes %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=SupervisionApp-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\supervision-app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Reflective supervision for child safeguarding"
Name: "{userprograms}\{#AppName} (try the demo case)"; Filename: "{app}\{#AppExe}"; Parameters: "demo"

[Run]
Filename: "{app}\{#AppExe}"; Description: "Open {#AppName} now"; Flags: nowait postinstall skipifsilent

[Code]
{ The case database and settings live in %LOCALAPPDATA%\supervision_app, outside {app}, so a
  plain uninstall keeps them. Only an explicit "Yes" removes them; silent uninstalls keep them. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\supervision_app');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox('Also delete your supervision records and settings?' + #13#10 + #13#10 +
                DataDir + #13#10 + #13#10 +
                'Choose No to keep them (for example to reinstall later). ' +
                'Deleted records cannot be recovered.',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
