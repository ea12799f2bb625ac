using Daftar.Assets;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>One asset: its details and whole history; the holder acknowledges receipt; the store issues, takes back, repairs or writes off.</summary>
public sealed class AssetModel(AssetQueries queries, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? EmployeeCode { get; set; }
    [BindProperty] public string? Condition { get; set; }
    [BindProperty] public AssetStatus NewStatus { get; set; } = AssetStatus.UnderRepair;
    [BindProperty] public string? Note { get; set; }
    public AssetDetail? Asset { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync([FromServices] IssueAsset handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new IssueAssetCommand(EmployeeCode), ct), l["The asset is issued; its holder is asked to acknowledge receipt."], ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(string? pin, bool confirm, [FromServices] AcknowledgeAsset handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new AcknowledgeAssetCommand(pin, confirm), ct), l["Receipt acknowledged."], ct);

    public async Task<IActionResult> OnPostReturnAsync([FromServices] ReturnAsset handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new ReturnAssetCommand(Condition), ct), l["The asset is back in the store."], ct);

    public async Task<IActionResult> OnPostStatusAsync([FromServices] ChangeAssetStatus handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Id, new ChangeAssetStatusCommand(NewStatus, Note), ct), l["The asset's status is changed."], ct);

    private Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct) =>
        this.AfterOperationAsync(result, message, l, () => RedirectToPage(new { Id }), () => LoadAsync(ct));

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var asset = await queries.GetAsync(Id, ct);
        if (!asset.Succeeded) return NotFound();
        Asset = asset.Value;
        return Page();
    }
}
