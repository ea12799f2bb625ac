using Daftar.Assets;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>An office's store: counts by kind and status, warnings, the assets (filtered), registering one, naming the keepers.</summary>
public sealed class StoreModel(AssetQueries queries, VerificationQueries verification, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Office { get; set; }
    [BindProperty(SupportsGet = true)] public AssetKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public AssetStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public AssetKind NewKind { get; set; } = AssetKind.Laptop;
    [BindProperty] public string? Make { get; set; }
    [BindProperty] public string? Model { get; set; }
    [BindProperty] public string? SerialNumber { get; set; }
    [BindProperty] public string? Tag { get; set; }
    [BindProperty] public string? PurchaseOrder { get; set; }
    [BindProperty] public DateOnly? PurchasedOn { get; set; }
    [BindProperty] public decimal? Cost { get; set; }
    [BindProperty] public DateOnly? WarrantyEnds { get; set; }
    [BindProperty] public string? KeeperPosts { get; set; }
    [BindProperty] public IFormFile? Register { get; set; }
    [BindProperty] public bool ValidRowsOnly { get; set; }
    public AssetImportAnswer? Imported { get; private set; }
    public StockView? Stock { get; private set; }
    public VerificationView? Verification { get; private set; }
    public DateOnly Today => clock.Today();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRegisterAsync([FromServices] RegisterAsset handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RegisterAssetCommand(NewKind, Make, Model, SerialNumber, Tag, Office, PurchaseOrder, PurchasedOn, Cost, WarrantyEnds), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = l["The asset is registered in the store."].Value;
        return RedirectToPage("/Assets/Asset", new { id = result.Value });
    }

    public async Task<IActionResult> OnPostImportAsync([FromServices] ImportAssets handler, CancellationToken ct)
    {
        if (Register is null || Register.Length == 0)
        {
            ModelState.AddErrors([AssetsErrors.NoFile], l);
            return await LoadAsync(ct);
        }
        await using var stream = Register.OpenReadStream();
        var result = await handler.HandleAsync(stream, Register.FileName, ValidRowsOnly ? People.Import.ImportMode.ValidRows : People.Import.ImportMode.AllOrNothing, ct);
        if (!result.Succeeded) ModelState.AddErrors(result.Errors, l);
        else Imported = result.Value;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostStartRoundAsync([FromServices] StartVerification handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Office ?? 0, ct), l["A verification round has started: mark each asset seen or missing."], ct);

    public async Task<IActionResult> OnPostCloseRoundAsync([FromServices] CloseVerification handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(Office ?? 0, ct), l["The verification round is closed."], ct);

    public async Task<IActionResult> OnPostVerifyAsync(int asset, bool seen, [FromServices] VerifyAsset handler, CancellationToken ct) =>
        await AfterAsync(await handler.HandleAsync(asset, new VerifyAssetCommand(seen), ct), seen ? l["Marked seen."] : l["Marked missing."], ct);

    private Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct) =>
        this.AfterOperationAsync(result, message, l, () => RedirectToPage(new { Office }), () => LoadAsync(ct));

    public async Task<IActionResult> OnPostKeepersAsync([FromServices] NameKeepers handler, [FromServices] Daftar.Data.DaftarDb db, CancellationToken ct)
    {
        var codes = (KeeperPosts ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList();
        var found = await db.Posts.Where(p => codes.Contains(p.Code)).Select(p => p.Id).ToListAsync(ct);
        if (found.Count != codes.Count)
        {
            ModelState.AddErrors([AssetsErrors.KeeperNotInOffice], l);
            return await LoadAsync(ct);
        }
        var result = await handler.HandleAsync(Office ?? Stock?.OfficeId ?? 0, new KeepersCommand(found), ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors, l);
            return await LoadAsync(ct);
        }
        TempData["Message"] = l["The store keepers are saved."].Value;
        return RedirectToPage(new { Office });
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var stock = await queries.StockAsync(Office, Kind, Status, Q, PageNumber, ct);
        if (!stock.Succeeded) return NotFound();
        Stock = stock.Value;
        Office ??= Stock!.OfficeId;
        if (Stock!.CanKeep) Verification = (await verification.LatestAsync(Stock.OfficeId, ct)).Value;
        KeeperPosts ??= string.Join(", ", Stock!.Keepers.Select(k => k.PostCode));
        return Page();
    }
}
