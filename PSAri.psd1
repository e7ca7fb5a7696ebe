@{
    RootModule           = 'PSAri.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c7f2e-3b1a-4d8e-9a56-2c4e8b7d1a93'
    Author               = 'PSAri contributors'
    CompanyName          = 'PSAri'
    Copyright            = '(c) PSAri contributors. MIT License.'
    Description          = 'PowerShell cmdlets for the Asterisk REST Interface (ARI): REST operations, the WebSocket event stream and Stasis applications as typed objects in the pipeline, with a built-in ARI emulator for tests.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PSAri.Format.ps1xml')
    CmdletsToExport      = @()
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Asterisk', 'ARI', 'VoIP', 'Telephony', 'PBX', 'WebSocket')
            # No ProjectUri or LicenseUri: the project has no public address yet. The license is the LICENSE file.
            # build.ps1 stamps the CHANGELOG.md section of the version being built.
            ReleaseNotes = ''
        }
    }
}
