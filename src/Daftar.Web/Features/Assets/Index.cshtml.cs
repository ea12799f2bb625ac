using Daftar.Assets;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>My equipment: what I hold (acknowledge receipt), my requests (ask for more), my home connection and its checks.</summary>
public sealed class IndexModel(AssetQueries assets, RequestQueries requests, ConnectionQueries connection, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public AssetKind Kind { get; set; } = AssetKind.Laptop;
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public ConnectionType Type { get; set; } = ConnectionType.Broadband;
    [BindProperty] public string? Provider { get; set; }
    [BindProperty] public int? PlanMbps { get; set; }
    public IReadOnlyList<AssetRow> Held { get; private set; } = [];
    public IReadOnlyList<RequestView> Requests { get; private set; } = [];
    public MyConnectionView? Connection { get; private set; }
    public int ToDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var page = await LoadAsync(ct);
        if (Connection is { Type: { } type })
            (Type, Provider, PlanMbps) = (type, Connection.Provider, Connection.PlanMbps);
        return page;
    }

    public async Task<IActionResult> OnPostRequestAsync([FromServices] RequestEquipment handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(new RequestEquipmentCommand(Kind, Reason), ct), l["Your request has gone to your controlling officer."], ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id, string? pin, bool confirm, [FromServices] AcknowledgeAsset handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(id, new AcknowledgeAssetCommand(pin, confirm), ct), l["Receipt acknowledged."], ct);

    public async Task<IActionResult> OnPostConnectionAsync([FromServices] DescribeConnection handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(new HomeConnectionCommand(Type, Provider, PlanMbps), ct), l["Your connection is saved."], ct);

    private Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct) =>
        this.AfterOperationAsync(result, message, l, () => RedirectToPage(), () => LoadAsync(ct));

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var mine = await assets.MineAsync(ct);
        if (!mine.Succeeded) return Forbid();
        Held = mine.Value!;
        var all = (await requests.ListAsync(ct)).Value ?? [];
        Requests = all.Where(r => r.IsMine).ToList();
        ToDecide = all.Count(r => r.CanDecide || r.CanIssue);
        Connection = (await connection.MineAsync(ct)).Value;
        return Page();
    }
}
