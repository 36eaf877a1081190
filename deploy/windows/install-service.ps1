<#
.SYNOPSIS
  Installs the published Engagement web host (win-x64, self-contained) as the Windows service "Engagement".

.DESCRIPTION
  Run in an elevated PowerShell on the server, from the folder that holds this script, after copying the published
  folder (scripts/publish.sh win-x64 -> artifacts/publish/win-x64/web) to the install folder. It:
    1. creates %ProgramData%\Engagement (the data: SQLite database, access key) readable only by SYSTEM,
       Administrators and the service's own account;
    2. registers the service with sc.exe (automatic start, virtual account NT SERVICE\Engagement);
    3. sets restart on failure (5 s, 5 s, 30 s; the failure count resets after a day);
    4. optionally opens the firewall for the listening ports;
    5. starts it.
  Settings: the same keys as appsettings.json, as machine environment variables read by the service (':' becomes
  '__'), or in appsettings.json beside the executable (replaced on upgrade: prefer the environment).
  Not run on Windows by the project's tests (they run on Linux): see docs/operations/install.md.

.EXAMPLE
  .\install-service.ps1 -InstallDir 'C:\Program Files\Engagement\web' -HttpPort 80 -OpenFirewall
#>
param(
    [string] $InstallDir = 'C:\Program Files\Engagement\web',
    [int] $HttpPort = 80,
    [int] $HttpsPort = 0,
    [switch] $OpenFirewall
)
$ErrorActionPreference = 'Stop'
$name = 'Engagement'
$account = "NT SERVICE\$name"
$exe = Join-Path $InstallDir 'Engagement.Web.exe'
if (-not (Test-Path $exe)) { throw "$exe not found: copy the published win-x64 web folder there first." }

# 1. Data outside the install folder. The app uses %ProgramData%\Engagement by itself when it runs as a service and
#    Engagement:DataDirectory is not set; the folder is created here so its permissions are right from the start.
$data = Join-Path $env:ProgramData $name
New-Item -ItemType Directory -Force -Path $data | Out-Null

# The event log source the app writes to (its application name); creating one needs the elevation this script has.
if (-not [System.Diagnostics.EventLog]::SourceExists('Engagement.Web')) {
    [System.Diagnostics.EventLog]::CreateEventSource('Engagement.Web', 'Application')
}

# 2. The service. sc.exe wants a space after each "option=".
sc.exe create $name binPath= "`"$exe`"" start= delayed-auto obj= $account DisplayName= 'Engagement 党建活动互动平台'
if ($LASTEXITCODE -ne 0) { throw "sc.exe create failed ($LASTEXITCODE)" }
sc.exe description $name 'Engagement web host (embedded mode: database in %ProgramData%\Engagement).' | Out-Null

# Only the service, SYSTEM and Administrators may read the data (the access key signs every member code).
icacls $data /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' "${account}:(OI)(CI)M" | Out-Null

# 3. Restart after a crash: three attempts, counter reset after a day (86400 s).
sc.exe failure $name reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
sc.exe failureflag $name 1 | Out-Null

# Where it listens (Kestrel's standard keys), as the service's own environment (a REG_MULTI_SZ "Environment" value).
$environment = @("Kestrel__Endpoints__Http__Url=http://0.0.0.0:$HttpPort")
if ($HttpsPort -gt 0) {
    # Certificate: edit the path and password here, or set them as machine environment variables.
    $environment += "Kestrel__Endpoints__Https__Url=https://0.0.0.0:$HttpsPort"
    $environment += 'Kestrel__Endpoints__Https__Certificate__Path=C:\ProgramData\Engagement\tls\server.pfx'
    $environment += 'Kestrel__Endpoints__Https__Certificate__Password=change-me'
}
Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$name" -Name Environment -Type MultiString -Value $environment

# 4. Firewall: phones in the hall must reach the port(s).
if ($OpenFirewall) {
    $ports = @($HttpPort) + @($HttpsPort | Where-Object { $_ -gt 0 })
    New-NetFirewallRule -DisplayName "Engagement (TCP $($ports -join ','))" -Direction Inbound -Protocol TCP `
        -LocalPort $ports -Action Allow -Profile Domain,Private | Out-Null
}

# 5. Start; the start-up banner (setup link, data folder) goes to the Application event log, source Engagement.Web.
sc.exe start $name | Out-Null
Write-Host "Service $name installed and started. Data: $data. Logs: Event Viewer > Windows Logs > Application (source Engagement.Web)."
