package aksarc.catalog

# Windows node pool OS SKUs (osSKU of `az aksarc nodepool list`, -osSKU of New-AksHciNodePool)
# and the month AKS Arc retires them (AKSARC-024). A month is the last month of support: the
# rule denies from the first day after it and warns versionWarnDays before. Checked 2026-12-05.
node_pool_os := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
	"note": "The retirement page (ms.date 2025-11-19, last reviewed 2026-01-28) gives months only: Windows Server 2019 node pools are deprecated in March 2026, Windows Server 2022 node pools in March 2027; the node pool changes concern only the Windows OS of worker nodes, not AKS Arc on Windows Server hosts (hostProducts, March 2028). The page is written for AKS Arc on Windows Server; the migration guide (windows-server-migration-guide) and the announcement speak of AKS enabled by Azure Arc in general and use az aksarc (Azure Local) commands, so the dates are applied on both platforms.",
	"skus": {
		"Windows2019": {
			"os": "Windows Server 2019",
			"retired": "2026-03",
			"replacement": "Windows2022",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
			"note": "Month from the retirement page. The announcement (https://techcommunity.microsoft.com/t5/apps-on-azure-blog/windows-server-2019-retirement-on-aks-enabled-by-azure-arc/ba-p/4470184, 2025-11-18) gives the day: starting April 1, 2026, Kubernetes upgrades of clusters with Windows Server 2019 node pools are blocked, new Windows Server 2019 node pools cannot be created and no security patches ship; the month rule gives the same first day.",
		},
		"Windows2022": {
			"os": "Windows Server 2022",
			"retired": "2027-03",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
			"note": "Month only; no source gives a day. No later Windows node pool OS is announced for AKS Arc.",
		},
	},
}
