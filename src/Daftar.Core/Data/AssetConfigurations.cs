using Daftar.Assets;
using Daftar.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> b)
    {
        b.Property(x => x.Make).HasMaxLength(100);
        b.Property(x => x.Model).HasMaxLength(100);
        b.Property(x => x.SerialNumber).HasMaxLength(100);
        b.Property(x => x.Tag).HasMaxLength(40);
        b.Property(x => x.PurchaseOrder).HasMaxLength(100);
        b.Property(x => x.Cost).HasPrecision(12, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.SerialNumber).IsUnique();
        b.HasIndex(x => x.Tag).IsUnique();
        // The office's stock page counts by status and kind; "what does this person hold" reads by holder.
        b.HasIndex(x => new { x.OfficeId, x.Status, x.Kind });
        b.HasIndex(x => x.HolderEmployeeId);
        b.HasIndex(x => new { x.OfficeId, x.VerifiedInRoundId });
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.HolderEmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("events").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssetEventConfiguration : IEntityTypeConfiguration<AssetEvent>
{
    public void Configure(EntityTypeBuilder<AssetEvent> b)
    {
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.AssetId);
    }
}

internal sealed class AssetKeeperConfiguration : IEntityTypeConfiguration<AssetKeeper>
{
    public void Configure(EntityTypeBuilder<AssetKeeper> b)
    {
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OfficeId, x.PostId }).IsUnique();
        b.HasIndex(x => x.PostId);
    }
}

internal sealed class EquipmentRequestConfiguration : IEntityTypeConfiguration<EquipmentRequest>
{
    public void Configure(EntityTypeBuilder<EquipmentRequest> b)
    {
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.OfficerRemarks).HasMaxLength(1000);
        b.Property(x => x.StoreRemarks).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Asset>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.EmployeeId, x.Id });
        b.HasIndex(x => new { x.OfficerPostId, x.Status });
        b.HasIndex(x => new { x.OfficeId, x.Status });
    }
}

internal sealed class HomeConnectionConfiguration : IEntityTypeConfiguration<HomeConnection>
{
    public void Configure(EntityTypeBuilder<HomeConnection> b)
    {
        b.Property(x => x.Provider).HasMaxLength(100);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.EmployeeId).IsUnique();
    }
}

internal sealed class ConnectionCheckConfiguration : IEntityTypeConfiguration<ConnectionCheck>
{
    public void Configure(EntityTypeBuilder<ConnectionCheck> b)
    {
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EmployeeId, x.Id });
    }
}

internal sealed class VerificationRoundConfiguration : IEntityTypeConfiguration<VerificationRound>
{
    public void Configure(EntityTypeBuilder<VerificationRound> b)
    {
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OfficeId, x.Id });
        b.Ignore(x => x.IsOpen);
    }
}
