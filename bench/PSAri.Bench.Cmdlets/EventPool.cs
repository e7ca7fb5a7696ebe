using System;
using PSAri.Model;

namespace PSAri.Bench.Cmdlets
{
    /// <summary>StasisStart events shaped like the emulator's flood (PSAri's model types, so Where-Object reads the
    /// same properties). A separate class so that importing the module never loads PSAri.dll.</summary>
    internal static class EventPool
    {
        public const int Size = 1000;

        public static object[] Build()
        {
            var pool = new object[Size];
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Size; i++)
            {
                pool[i] = new StasisStartEvent
                {
                    Type = "StasisStart",
                    Timestamp = now,
                    AsteriskId = "02:fc:00:00:00:01",
                    Application = "bench",
                    Channel = new Channel
                    {
                        Id = "flood-" + i,
                        Name = "PJSIP/flood-" + i.ToString("x8"),
                        State = "Up",
                        Caller = new CallerId { Name = "Flood", Number = "1000" },
                        Connected = new CallerId(),
                        Dialplan = new DialplanCep { Context = "default", Exten = "1000", Priority = 1, AppName = "Stasis", AppData = "bench" },
                        CreationTime = now,
                        Language = "en",
                    },
                };
            }
            return pool;
        }
    }
}
