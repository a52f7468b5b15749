namespace Rollout.Deployer.Plans;

/// <summary>Reads <c>mesh:</c> and checks the gossipsub degree relations (Dlo ≤ D ≤ Dhi, Dout &lt; Dlo, Dout ≤ D/2, Dscore ≤ Dhi).</summary>
internal static class MeshSection
{
    public static MeshSettings Read(PlanDocument document, PlanMapping? section)
    {
        var d = MeshSettings.Defaults;
        if (section is null) return d;
        var mesh = new MeshSettings(
            section.Int("d", d.D, 0, 1000),
            section.Int("dlo", d.Dlo, 0, 1000),
            section.Int("dhi", d.Dhi, 0, 1000),
            section.Int("dscore", d.Dscore, 0, 1000),
            section.Int("dout", d.Dout, 0, 1000),
            section.Int("dlazy", d.Dlazy, 0, 1000),
            section.Duration("heartbeat", d.Heartbeat),
            section.Int("watermark_low", d.WatermarkLow, 1, 1 << 24),
            section.Int("watermark_high", d.WatermarkHigh, 1, 1 << 24),
            section.Duration("grace_period", d.GracePeriod),
            section.Duration("silence_period", d.SilencePeriod),
            ReadTrimOrder(document, section));
        section.ReportUnknownKeys();

        var node = section.Node;
        if (mesh.Dlo > mesh.D) document.Report("mesh.dlo", section.Get("dlo") ?? node, $"dlo {mesh.Dlo} is above d {mesh.D}");
        if (mesh.D > mesh.Dhi) document.Report("mesh.dhi", section.Get("dhi") ?? node, $"dhi {mesh.Dhi} is below d {mesh.D}");
        if (mesh.Dscore > mesh.Dhi) document.Report("mesh.dscore", section.Get("dscore") ?? node, $"dscore {mesh.Dscore} is above dhi {mesh.Dhi}");
        if (mesh.Dout > 0 && (mesh.Dout >= mesh.Dlo || mesh.Dout > mesh.D / 2))
        {
            document.Report("mesh.dout", section.Get("dout") ?? node, $"dout {mesh.Dout} must be below dlo {mesh.Dlo} and at most d/2 ({mesh.D / 2})");
        }
        if (mesh.WatermarkLow >= mesh.WatermarkHigh)
        {
            document.Report("mesh.watermark_low", section.Get("watermark_low") ?? node,
                $"low watermark {mesh.WatermarkLow} must be below the high watermark {mesh.WatermarkHigh}");
        }
        return mesh;
    }

    private static TrimOrder ReadTrimOrder(PlanDocument document, PlanMapping section)
    {
        var text = section.String("trim_order");
        switch (text)
        {
            case null or "libp2p-default": return TrimOrder.Libp2pDefault;
            case "streams-desc-zero-first": return TrimOrder.StreamsDescendingZeroFirst;
            default:
                document.Report("mesh.trim_order", section.Get("trim_order"), $"\"{text}\" is not libp2p-default or streams-desc-zero-first");
                return TrimOrder.Libp2pDefault;
        }
    }
}
