<#
.SYNOPSIS
Writes a skeleton docs/en-US/<Verb-Noun>.md in platyPS's markdown schema (2.0.0) from a loaded
cmdlet's metadata, the way platyPS's New-MarkdownHelp does where platyPS is not installed.

.DESCRIPTION
The page gets the real syntax and one yaml block per parameter (several when the parameter differs
between parameter sets) and '{{ ... }}' placeholders for the prose. HelpBuilder refuses pages that
still hold placeholders, so fill them in. Existing pages are never overwritten unless -Force.

.EXAMPLE
Import-Module ./output/PSAri; ./tools/HelpBuilder/New-HelpPage.ps1 -Command Get-AriChannel -OutputFolder docs/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $Command,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [string] $ExternalHelpFile = 'PSAri.dll-Help.xml',
    [switch] $Force
)

$common = [System.Management.Automation.Cmdlet]::CommonParameters

# The short name syntax shows: Int32 for Nullable[Int32], String[] for String[].
function Get-ShortName([type] $type) {
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $underlying.Name } else { $type.Name }
}

function Get-Syntax([System.Management.Automation.CommandInfo] $info, [System.Management.Automation.CommandParameterSetInfo] $set) {
    $parts = foreach ($p in $set.Parameters | Where-Object Name -NotIn $common) {
        $type = $p.ParameterType
        $short = Get-ShortName $type
        $text = if ($type -eq [switch]) { "-$($p.Name)" } else { "-$($p.Name) <$short>" }
        if ($p.Position -ge 0 -and $type -ne [switch]) { $text = "[-$($p.Name)] <$short>" }
        if (-not $p.IsMandatory) { $text = "[$text]" }
        $text
    }
    (@($info.Name) + $parts + '[<CommonParameters>]') -join ' '
}

foreach ($name in $Command) {
    $info = Get-Command -Name $name -CommandType Cmdlet -ErrorAction Stop
    $path = Join-Path $OutputFolder "$($info.Name).md"
    if ((Test-Path $path) -and -not $Force) { Write-Warning "$path exists; use -Force to overwrite."; continue }

    $sb = [System.Text.StringBuilder]::new()
    $null = $sb.AppendLine('---').AppendLine("external help file: $ExternalHelpFile").AppendLine("Module Name: $($info.ModuleName)")
    $null = $sb.AppendLine('online version:').AppendLine('schema: 2.0.0').AppendLine('---').AppendLine()
    $null = $sb.AppendLine("# $($info.Name)").AppendLine().AppendLine('## SYNOPSIS').AppendLine('{{ Fill in the Synopsis }}').AppendLine()
    $null = $sb.AppendLine('## SYNTAX').AppendLine()
    foreach ($set in $info.ParameterSets) {
        $title = if ($set.IsDefault -and $info.ParameterSets.Count -gt 1) { "$($set.Name) (Default)" } else { $set.Name }
        $null = $sb.AppendLine("### $title").AppendLine().AppendLine('```').AppendLine((Get-Syntax $info $set)).AppendLine('```').AppendLine()
    }
    $null = $sb.AppendLine('## DESCRIPTION').AppendLine('{{ Fill in the Description }}').AppendLine()
    $null = $sb.AppendLine('## EXAMPLES').AppendLine().AppendLine('### Example 1: {{ Add example title }}').AppendLine()
    $null = $sb.AppendLine('```powershell').AppendLine('PS C:\> {{ Add example code here }}').AppendLine('```').AppendLine()
    $null = $sb.AppendLine('{{ Add example description here }}').AppendLine().AppendLine('## PARAMETERS').AppendLine()

    foreach ($p in $info.Parameters.Values | Where-Object Name -NotIn $common | Sort-Object Name) {
        $null = $sb.AppendLine("### -$($p.Name)").AppendLine("{{ Fill $($p.Name) Description }}").AppendLine()
        # One yaml block per distinct (Required, Position, pipeline) combination across the sets.
        $groups = $p.ParameterSets.GetEnumerator() | Group-Object {
            '{0}|{1}|{2}|{3}' -f $_.Value.IsMandatory, $_.Value.Position, $_.Value.ValueFromPipeline, $_.Value.ValueFromPipelineByPropertyName
        }
        foreach ($g in $groups) {
            $m = $g.Group[0].Value
            $sets = if ($g.Group.Key -contains '__AllParameterSets') { '(All)' } else { ($g.Group.Key | Sort-Object) -join ', ' }
            $pipe = @(if ($m.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($m.ValueFromPipeline) { 'ByValue' })
            $null = $sb.AppendLine('```yaml').AppendLine("Type: $($p.ParameterType.ToString())").AppendLine("Parameter Sets: $sets")
            $null = $sb.AppendLine("Aliases: $($p.Aliases -join ', ')".TrimEnd())
            $validate = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            if ($validate) { $null = $sb.AppendLine("Accepted values: $($validate.ValidValues -join ', ')") }
            $null = $sb.AppendLine().AppendLine("Required: $($m.IsMandatory)").AppendLine("Position: $(if ($m.Position -ge 0) { $m.Position } else { 'Named' })")
            $null = $sb.AppendLine('Default value: None')
            $null = $sb.AppendLine("Accept pipeline input: $(if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' })")
            $null = $sb.AppendLine('Accept wildcard characters: False').AppendLine('```').AppendLine()
        }
    }
    $null = $sb.AppendLine('### CommonParameters').AppendLine()
    $null = $sb.AppendLine('This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see about_CommonParameters.').AppendLine()
    $null = $sb.AppendLine('## INPUTS').AppendLine()
    foreach ($t in $info.Parameters.Values.Where({ $_.ParameterSets.Values.Where({ $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }) }).ParameterType.FullName | Sort-Object -Unique) {
        $null = $sb.AppendLine("### $t").AppendLine().AppendLine('{{ Fill in what this input means }}').AppendLine()
    }
    $null = $sb.AppendLine('## OUTPUTS').AppendLine()
    foreach ($t in $info.OutputType.Name | Sort-Object -Unique) {
        $null = $sb.AppendLine("### $t").AppendLine().AppendLine('{{ Fill in what this output is }}').AppendLine()
    }
    $null = $sb.AppendLine('## NOTES').AppendLine().AppendLine('## RELATED LINKS').AppendLine()
    [System.IO.File]::WriteAllText($path, ($sb.ToString() -replace "`r`n", "`n"))
    Write-Verbose "Wrote $path"
    Get-Item $path
}
