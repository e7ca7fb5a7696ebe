#Requires -Version 7.4
<#
Help tests for the staged module. Set $env:PSARI_MODULE_PATH to the folder that holds the staged
PSAri.psd1 (with en-US/PSAri.dll-Help.xml and en-US/about_*.help.txt built by tools/HelpBuilder).

For every exported cmdlet:
- Get-Help -Full shows real help: the synopsis (not the syntax-only text PowerShell makes up when
  there is no help), a description, a description for every parameter, at least one example;
- DRIFT: the parameters the cmdlet has equal the '### -Name' headings of docs/en-US/<cmdlet>.md, and
  each parameter's yaml block agrees with the cmdlet's metadata (Type, Parameter Sets, Required,
  Position, Aliases, Accept pipeline input).
And: every page in docs/en-US names an exported cmdlet, and Get-Help about_PSAri finds the topic.
#>

BeforeDiscovery {
    function Find-PSAriManifest {
        $folder = $env:PSARI_MODULE_PATH
        if (-not $folder) {
            # Fall back to what build.ps1 stages under output/.
            $staged = Get-ChildItem (Join-Path $PSScriptRoot '..' 'output') -Filter PSAri.psd1 -Recurse -ErrorAction SilentlyContinue |
                Select-Object -First 1
            if (-not $staged) { throw 'Set $env:PSARI_MODULE_PATH to the folder holding the staged PSAri.psd1 (build the module first).' }
            $folder = $staged.DirectoryName
        }
        $manifest = Join-Path $folder 'PSAri.psd1'
        if (-not (Test-Path $manifest)) { throw "No PSAri.psd1 in '$folder' (`$env:PSARI_MODULE_PATH)." }
        $manifest
    }

    Import-Module (Find-PSAriManifest) -Force
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdlets = foreach ($command in Get-Command -Module PSAri -CommandType Cmdlet | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object)
        }
    }
}

BeforeAll {
    $docs = Join-Path $PSScriptRoot '..' 'docs' 'en-US'
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

    # Reads the '### -Name' sections of a platyPS page: name -> list of yaml blocks (key -> value).
    function Read-ParameterYaml([string] $Path) {
        $parameters = [ordered]@{}
        $inParameters = $false
        $current = $null
        $yaml = $null
        foreach ($line in (Get-Content -LiteralPath $Path)) {
            if ($null -ne $yaml) {
                if ($line -match '^```') { $parameters[$current].Add($yaml); $yaml = $null }
                elseif ($line -match '^\s*([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() }
                continue
            }
            if ($line -match '^## ') { $inParameters = $line.Trim() -eq '## PARAMETERS'; $current = $null; continue }
            if (-not $inParameters) { continue }
            if ($line -match '^### -(\S+)\s*$') { $current = $Matches[1]; $parameters[$current] = [System.Collections.Generic.List[hashtable]]::new(); continue }
            if ($line -match '^### ') { $current = $null; continue }
            if ($current -and $line -match '^```yaml\s*$') { $yaml = @{} }
        }
        $parameters
    }

    function Split-List([string] $Text) {
        @($Text -split ',' | ForEach-Object Trim | Where-Object { $_ })
    }

    # The yaml block that applies to one parameter set ('(All)' is __AllParameterSets).
    function Get-YamlForSet($Blocks, [string] $SetName) {
        foreach ($block in $Blocks) {
            $sets = Split-List $block['Parameter Sets'] | ForEach-Object { if ($_ -eq '(All)') { '__AllParameterSets' } else { $_ } }
            if ($SetName -in $sets) { return $block }
        }
    }

    function Format-PipelineInput([System.Management.Automation.ParameterSetMetadata] $Set) {
        $kinds = @(if ($Set.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($Set.ValueFromPipeline) { 'ByValue' })
        if ($kinds) { 'True ({0})' -f ($kinds -join ', ') } else { 'False' }
    }

    function ConvertTo-PipelineKinds([string] $Text) {
        if ($Text -match '^True\s*\((.*)\)$') { @(Split-List $Matches[1] | Sort-Object) } else { @() }
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -CommandType Cmdlet
        $help = Get-Help -Name $Name -Full
        $page = Join-Path $docs "$Name.md"
        $pageParameters = if (Test-Path $page) { Read-ParameterYaml $page } else { [ordered]@{} }
    }

    It 'has a page docs/en-US/<Name>.md' {
        $page | Should -Exist
    }

    It 'shows the synopsis from the help file, not the made-up syntax line' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *" -Because 'Get-Help makes up a syntax-only synopsis when the MAML has no entry for the cmdlet'
        $help.Synopsis | Should -Not -Match '\{\{.*\}\}'
    }

    It 'has a description' {
        ($help.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes -<_>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $parameterHelp = $help.parameters.parameter | Where-Object Name -EQ $_
        $parameterHelp | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Full should list -$_"
        ($parameterHelp.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        $examples | ForEach-Object { $_.code.Trim() | Should -Not -BeNullOrEmpty }
    }

    Context 'drift between the cmdlet and its page' {
        It 'documents exactly the parameters the cmdlet has' {
            $documented = @($pageParameters.Keys)
            $missing = @($Parameters | Where-Object { $_ -notin $documented })
            $extra = @($documented | Where-Object { $_ -notin $Parameters })
            $missing | Should -BeNullOrEmpty -Because "every parameter of $Name needs a '### -Name' section"
            $extra | Should -BeNullOrEmpty -Because "$Name has no such parameters any more"
        }

        It 'yaml of -<_> agrees with the cmdlet' -ForEach $Parameters -AllowNullOrEmptyForEach {
            $name = $_
            $blocks = $pageParameters[$name]
            $blocks | Should -Not -BeNullOrEmpty -Because "-$name needs a '### -$name' section with a yaml block"
            $metadata = $command.Parameters[$name]

            foreach ($block in $blocks) {
                $documentedType = $block['Type'] -as [type]
                if ($documentedType) {
                    $documentedType | Should -Be $metadata.ParameterType -Because "the Type of -$name"
                } else {
                    $block['Type'] | Should -BeIn @($metadata.ParameterType.FullName, $metadata.ParameterType.ToString()) -Because "the Type of -$name"
                }
            }

            $documentedSets = @($blocks | ForEach-Object { Split-List $_['Parameter Sets'] } |
                ForEach-Object { if ($_ -eq '(All)') { '__AllParameterSets' } else { $_ } } | Sort-Object)
            $documentedSets | Should -Be @($metadata.ParameterSets.Keys | Sort-Object) -Because "the Parameter Sets of -$name"

            $documentedAliases = @($blocks | ForEach-Object { Split-List $_['Aliases'] } | Sort-Object -Unique)
            $documentedAliases | Should -Be @($metadata.Aliases | Sort-Object -Unique) -Because "the Aliases of -$name"

            foreach ($set in $metadata.ParameterSets.GetEnumerator()) {
                $block = Get-YamlForSet $blocks $set.Key
                $block | Should -Not -BeNullOrEmpty -Because "-$name is in parameter set $($set.Key)"
                $block['Required'] | Should -Be ([string]$set.Value.IsMandatory) -Because "Required of -$name in set $($set.Key)"
                $position = if ($set.Value.Position -ge 0) { [string]$set.Value.Position } else { 'Named' }
                $block['Position'] | Should -Be $position -Because "Position of -$name in set $($set.Key)"
                (ConvertTo-PipelineKinds $block['Accept pipeline input']) |
                    Should -Be (ConvertTo-PipelineKinds (Format-PipelineInput $set.Value)) -Because "Accept pipeline input of -$name in set $($set.Key): $(Format-PipelineInput $set.Value)"
            }
        }
    }
}

Describe 'Help pages and topics of the module' {
    It 'has a page only for cmdlets the module exports' {
        $exported = @(Get-Command -Module PSAri -CommandType Cmdlet).Name
        $pages = @(Get-ChildItem $docs -Filter '*-*.md' | Where-Object Name -NotLike 'about_*').BaseName
        $stale = @($pages | Where-Object { $_ -notin $exported })
        $stale | Should -BeNullOrEmpty -Because 'a page whose cmdlet is gone (or not in CmdletsToExport) is stale'
    }

    It 'has about_PSAri, and Get-Help finds it' {
        Join-Path $docs 'about_PSAri.md' | Should -Exist
        $topic = Get-Help -Name about_PSAri
        $topic | Should -Not -BeNullOrEmpty
        $topic.Name | Should -Be 'about_PSAri'
        $topic.Category | Should -Be 'HelpFile'
        $topic.Synopsis | Should -Not -BeNullOrEmpty
        ($topic | Out-String) | Should -Match 'Connect-Ari'
    }
}
