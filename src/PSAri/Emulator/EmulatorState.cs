using System;
using System.Collections.Generic;
using System.Linq;
using PSAri.Model;

namespace PSAri.Emulator
{
    /// <summary>One simulated channel. Mutable state lives here; the Model's Channel is a snapshot of it.</summary>
    internal sealed partial class EmulatedChannel
    {
        public string Id = "";
        public string Name = "";
        public string State = "Down";
        public string CallerName = "";
        public string CallerNumber = "";
        public string Context = "";
        public string Exten = "";
        public long Priority;
        public string AppName = "";
        public string AppData = "";
        public DateTimeOffset CreationTime;
        public string Language = "en";

        /// <summary>The other half of the Local channel pair (;1 is the "phone", ;2 runs the dialplan).</summary>
        public EmulatedChannel? Peer;

        /// <summary>The Stasis app the channel is in; null when not in Stasis.</summary>
        public string? StasisApp;

        public bool HungUp;
        public EmulatedPlayback? CurrentPlayback;
        public readonly Queue<EmulatedPlayback> QueuedPlaybacks = new Queue<EmulatedPlayback>();

        public Channel Snapshot()
        {
            var snapshot = new Channel
            {
            Id = Id,
            Name = Name,
            State = State,
            ProtocolId = "",
            Caller = new CallerId { Name = CallerName, Number = CallerNumber },
            Connected = new CallerId(),
            AccountCode = "",
            Dialplan = new DialplanCep { Context = Context, Exten = Exten, Priority = Priority, AppName = AppName, AppData = AppData },
            CreationTime = CreationTime,
            Language = Language,
            };
            AddSnapshotParts(snapshot);
            return snapshot;
        }

        /// <summary>Hook for the areas that add to a snapshot (channelvars: AriEmulator.ChannelControl.cs).</summary>
        partial void AddSnapshotParts(Channel snapshot);
    }

    /// <summary>One playback: a list of media URIs played one after the other on a channel.</summary>
    internal sealed partial class EmulatedPlayback
    {
        public string Id = "";
        public string[] Media = Array.Empty<string>();
        public int Index;
        public string Language = "en";
        public string State = "queued";
        public long OffsetMs;
        public EmulatedChannel Channel = null!;

        /// <summary>Changes whenever the current item ends early, so a pending timer knows it is stale.</summary>
        public object Timer = new object();

        public Playback Snapshot() => new Playback
        {
            Id = Id,
            MediaUri = Media[Index],
            NextMediaUri = Index + 1 < Media.Length ? Media[Index + 1] : null,
            TargetUri = Target ?? "channel:" + Channel.Id, // Target: bridge playbacks (AriEmulator.Bridges.cs)
            Language = Language,
            State = State,
        };
    }

    /// <summary>A Stasis application: registered by a WebSocket, kept while it has channels.</summary>
    internal sealed partial class EmulatedApp
    {
        public string Name = "";
        public EventSocket? Socket;
        public readonly List<string> ChannelIds = new List<string>();
    }

    /// <summary>A Stasis extension of the simulated dialplan.</summary>
    internal sealed class StasisExtension
    {
        public string App = "";
        public string[] Args = Array.Empty<string>();
        public long Priority;
        public string AppData => string.Join(",", new[] { App }.Concat(Args));
    }
}
