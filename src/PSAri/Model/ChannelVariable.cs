using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>One channel variable or dialplan function and its value, as Get-AriChannelVariable writes it
    /// (ARI's Variable model carries only the value). Not a wire model: PSAri builds it.</summary>
    public sealed class ChannelVariable
    {
        public ChannelVariable(string channelId, string name, string value, AriConnection? connection)
        {
            ChannelId = channelId;
            Name = name;
            Value = value;
            Connection = connection;
        }

        /// <summary>The channel the variable belongs to.</summary>
        public string ChannelId { get; }

        /// <summary>The variable's name, or the function with its arguments, such as CALLERID(num).</summary>
        public string Name { get; }

        public string Value { get; }

        /// <summary>The connection it was read on, so downstream cmdlets act on the same server.</summary>
        public AriConnection? Connection { get; }

        public override string ToString() => $"{Name}={Value}";
    }
}
