# The trivial module's manifest, as every module from the PowerShell Gallery has one: the start-up benchmark imports
# it by name, like `Import-Module PSAri`.
@{
    RootModule      = 'PSAri.Bench.Cmdlets.dll'
    ModuleVersion   = '1.0.0'
    GUID            = '0b6f3c1e-8d2a-4f57-9c4e-7a1d2e5b9f60'
    CmdletsToExport = @('Get-BenchEvent', 'Invoke-BenchGet')
}
