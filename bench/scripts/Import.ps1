# Import-Module by name, timed inside a fresh pwsh, with the module's folder first on PSModulePath (as an installed
# module is found); -Module may also be a path, to time a DLL imported without its manifest.
param([Parameter(Mandatory)] [string] $Module, [string] $ModuleRoot)
if ($ModuleRoot) { $env:PSModulePath = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath }
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Module -ErrorAction Stop
'RESULT ' + (@{ milliseconds = $clock.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress)
