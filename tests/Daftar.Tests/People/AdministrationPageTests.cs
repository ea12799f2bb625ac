using System.Net;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.People;

public class AdministrationPageTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Administrator_AddsADepartmentDesignationOfficePostAndEmployee_ThroughThePages()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(admin, "/People/Admin",
            new() { ["Department.Code"] = "agri", ["Department.NameEn"] = "Agriculture Department", ["Department.NameHi"] = "कृषि विभाग" }, "Department")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(admin, "/People/Admin",
            new() { ["Designation.Code"] = "AAO", ["Designation.NameEn"] = "Assistant Agriculture Officer", ["Designation.NameHi"] = "सहायक कृषि अधिकारी", ["Designation.Level"] = "8" }, "Designation")).StatusCode);
        var office = await DaftarFactory.PostFormAsync(admin, "/People/Admin", new()
        {
            ["Office.Code"] = "AGRI-JPR",
            ["Office.NameEn"] = "Agriculture Office, Jaipur",
            ["Office.NameHi"] = "कृषि कार्यालय, जयपुर",
            ["Office.Type"] = "District",
            ["Office.DepartmentCode"] = "AGRI",
            ["Office.ParentCode"] = "DIST-JPR",
        }, "Office");
        Assert.StartsWith("/People/Office?id=", office.Headers.Location!.OriginalString);
        var post = await DaftarFactory.PostFormAsync(admin, "/People/Admin", new()
        {
            ["Post.Code"] = "AAO-JPR-1",
            ["Post.DesignationCode"] = "AAO",
            ["Post.OfficeCode"] = "agri-jpr",
            ["Post.ReportsToCode"] = "COLL-JPR",
        }, "Post");
        Assert.StartsWith("/People/Post?id=", post.Headers.Location!.OriginalString);
        var employee = await DaftarFactory.PostFormAsync(admin, "/People/Admin", new()
        {
            ["Employee.Code"] = "RJ460001",
            ["Employee.NameEn"] = "Sunil Kumar",
            ["Employee.NameHi"] = "सुनील कुमार",
            ["Employee.Email"] = "",
            ["Employee.Mobile"] = "9414012345",
        }, "Employee");
        var editUrl = employee.Headers.Location!.OriginalString;
        Assert.StartsWith("/People/Admin/Employee", editUrl);
        var assigned = await DaftarFactory.PostFormAsync(admin, editUrl, new() { ["PostCode"] = "AAO-JPR-1", ["Kind"] = "Primary", ["From"] = "2026-11-01" }, "Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        var holder = await app.WithDbAsync(db => db.PostAssignments.Include(a => a.Employee).SingleAsync(a => a.Post.Code == "AAO-JPR-1"));
        Assert.Equal(("RJ460001", ChargeKind.Primary, new DateOnly(2026, 11, 1)), (holder.Employee.Code, holder.Kind, holder.From));
        var officePage = await DaftarFactory.PageAsync(admin, office.Headers.Location!.OriginalString);
        Assert.Contains("Sunil Kumar", officePage.Body!.TextContent);
    }

    [Fact]
    public async Task BadInput_OnTheAdministrationPage_IsShownNextToTheFields_AndNothingIsSaved()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        var response = await DaftarFactory.PostFormAsync(admin, "/People/Admin", new()
        {
            ["Post.Code"] = "NEW-POST",
            ["Post.DesignationCode"] = "SO",
            ["Post.OfficeCode"] = "NO-SUCH-OFFICE",
            ["Post.ReportsToCode"] = "NOBODY",
        }, "Post");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Office was not found.", page.QuerySelector("#Post_OfficeCode-error")!.TextContent);
        Assert.Contains("Reporting post was not found.", page.QuerySelector("#Post_ReportsToCode-error")!.TextContent);
        Assert.Equal("NEW-POST", page.QuerySelector("#Post_Code")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Code == "NEW-POST")));
    }

    [Fact]
    public async Task EndingAPosting_LeavesThePostVacant()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        var id = await app.EmployeeIdAsync("RJ100050");
        var assignment = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.EmployeeId == id).Select(a => a.Id).SingleAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        var ended = await DaftarFactory.PostFormAsync(admin, $"/People/Admin/Employee?id={id}", new() { ["assignmentId"] = assignment.ToString(), ["To"] = today }, "End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var postPage = await DaftarFactory.PageAsync(admin, $"/People/Post?id={await app.PostIdAsync("GVA-GONER")}");
        Assert.Contains("Vacant", postPage.Body!.TextContent);
    }
}
