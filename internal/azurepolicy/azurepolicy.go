// Package azurepolicy generates the Azure Policy definitions of `aksarc-opa export azure-policy`:
// one custom policy definition (mode Microsoft.Kubernetes.Data) per rule area, carrying the
// area's generated ConstraintTemplate byte for byte (details.templateInfo, Base64Encoded), and
// one initiative (policy set) that references each definition once per severity, as
// deploy/gatekeeper has a deny and a warn Constraint per area. The output is checked in under
// deploy/azure-policy and never edited by hand; docs/azure-policy.md cites the sources of every
// field and limit used here.
package azurepolicy

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
)

const (
	// Mode is the definition mode of Azure Policy for Kubernetes (AKS and Arc-enabled clusters).
	Mode = "Microsoft.Kubernetes.Data"
	// ClusterType is the Azure resource type of Arc-enabled Kubernetes clusters; an AKS Arc
	// cluster is one (kind ProvisionedCluster).
	ClusterType = "Microsoft.Kubernetes/connectedClusters"
	// InitiativeName is the name of the policy set definition (no dots: az refuses them).
	InitiativeName = "aksarc-support"
	// ScopePlaceholder stands for the scope the definitions are created in, in the initiative's
	// policyDefinitionIds, unless the export is given one.
	ScopePlaceholder = "{scope}"
	// Version is the definitions' version; bump it with a change of their shape (the templates'
	// content is tracked by metadata.templateSha256).
	Version = "1.0.0"
)

// Limits of Azure Policy (docs/azure-policy.md, "Limits"): the generator fails rather than
// write a definition Azure would refuse.
const (
	MaxRequestBytes        = 1 << 20 // a definition, initiative or assignment request body
	MaxDefinitionParams    = 20
	MaxInitiativeParams    = 400 // 300 in older text: checked against 300 below
	MaxInitiativeRefs      = 1000
	MaxDisplayName         = 128
	MaxDescription         = 512
	MaxMetadataValueLength = 1024
)

// Effects are the effects a definition allows; Audit makes the Constraint dryrun, Deny deny.
var Effects = []string{"Audit", "Deny", "Disabled"}

// SystemNamespaces are the namespaces the Azure Policy extension never evaluates, whatever an
// assignment says: the default of excludedNamespaces names them so that the portal shows it.
var SystemNamespaces = []string{"kube-system", "gatekeeper-system", "azure-arc"}

// Definition is one policy definition as the REST API takes it (PUT .../policyDefinitions/name).
type Definition struct {
	Name       string     `json:"name"`
	Properties Properties `json:"properties"`
}

// Properties of a policy definition.
type Properties struct {
	DisplayName string               `json:"displayName"`
	Description string               `json:"description"`
	PolicyType  string               `json:"policyType"`
	Mode        string               `json:"mode"`
	Version     string               `json:"version"`
	Metadata    map[string]any       `json:"metadata"`
	Parameters  map[string]Parameter `json:"parameters"`
	PolicyRule  PolicyRule           `json:"policyRule"`
}

// Parameter is a parameter definition (ParameterDefinitionsValue of the REST API).
type Parameter struct {
	Type          string            `json:"type"`
	Metadata      ParameterMetadata `json:"metadata"`
	AllowedValues []any             `json:"allowedValues,omitempty"`
	DefaultValue  any               `json:"defaultValue"`
	Schema        map[string]any    `json:"schema,omitempty"`
}

// ParameterMetadata is what the portal shows of a parameter.
type ParameterMetadata struct {
	DisplayName string `json:"displayName"`
	Description string `json:"description"`
}

// PolicyRule is the if/then of a definition.
type PolicyRule struct {
	If   map[string]any `json:"if"`
	Then Then           `json:"then"`
}

// Then is the effect and the Kubernetes details.
type Then struct {
	Effect  string  `json:"effect"`
	Details Details `json:"details"`
}

// Details are the documented fields of a Microsoft.Kubernetes.Data audit or deny effect.
type Details struct {
	TemplateInfo       TemplateInfo      `json:"templateInfo"`
	APIGroups          []string          `json:"apiGroups"`
	Kinds              []string          `json:"kinds"`
	ExcludedNamespaces string            `json:"excludedNamespaces"`
	Namespaces         string            `json:"namespaces"`
	LabelSelector      string            `json:"labelSelector"`
	Values             map[string]string `json:"values"`
}

// TemplateInfo carries the ConstraintTemplate.
type TemplateInfo struct {
	SourceType string `json:"sourceType"`
	Content    string `json:"content"`
}

// Initiative is the policy set definition (PUT .../policySetDefinitions/name).
type Initiative struct {
	Name       string               `json:"name"`
	Properties InitiativeProperties `json:"properties"`
}

// InitiativeProperties of the policy set.
type InitiativeProperties struct {
	DisplayName            string               `json:"displayName"`
	Description            string               `json:"description"`
	PolicyType             string               `json:"policyType"`
	Version                string               `json:"version"`
	Metadata               map[string]any       `json:"metadata"`
	Parameters             map[string]Parameter `json:"parameters"`
	PolicyDefinitions      []Reference          `json:"policyDefinitions"`
	PolicyDefinitionGroups []Group              `json:"policyDefinitionGroups"`
}

// Reference is one definition in the initiative, with the values of its parameters.
type Reference struct {
	PolicyDefinitionID          string                    `json:"policyDefinitionId"`
	PolicyDefinitionReferenceID string                    `json:"policyDefinitionReferenceId"`
	GroupNames                  []string                  `json:"groupNames"`
	Parameters                  map[string]ParameterValue `json:"parameters"`
}

// ParameterValue is {"value": ...}.
type ParameterValue struct {
	Value any `json:"value"`
}

// Group is a policy definition group: one per rule area.
type Group struct {
	Name        string `json:"name"`
	Category    string `json:"category"`
	DisplayName string `json:"displayName"`
	Description string `json:"description"`
}

// Output is everything the export writes, before it is serialized.
type Output struct {
	Definitions []Definition // by area name
	Initiative  Initiative
}

// Build makes the definitions and the initiative from the areas and the generated Gatekeeper
// files (gatekeeper.Files), whose templates the definitions carry unchanged. scope is the
// management group or subscription the definitions are created in ("" for ScopePlaceholder).
func Build(in gatekeeper.Inputs, areas []*gatekeeper.Area, gatekeeperFiles map[string][]byte, scope string) (*Output, error) {
	if scope == "" {
		scope = ScopePlaceholder
	}
	out := &Output{}
	for _, a := range areas {
		tmpl, ok := gatekeeperFiles[a.TemplateFile()]
		if !ok {
			return nil, fmt.Errorf("%s: no generated template %s", a.Name, a.TemplateFile())
		}
		groups, kinds, err := match(in.Evaluator, a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		out.Definitions = append(out.Definitions, definition(in.Evaluator, a, tmpl, groups, kinds))
	}
	out.Initiative = initiative(in.Evaluator, areas, scope)
	if err := out.Check(); err != nil {
		return nil, err
	}
	return out, nil
}

// DefinitionName is the name of an area's definition.
func DefinitionName(area string) string { return "aksarc-" + area }

func ruleList(a *gatekeeper.Area) string { return strings.Join(a.RuleIDs(""), ", ") }

func definition(ev *evaluator.Evaluator, a *gatekeeper.Area, tmpl []byte, groups, kinds []string) Definition {
	sum := sha256.Sum256(tmpl)
	var sevs []any
	for _, s := range a.Severities() {
		sevs = append(sevs, string(s))
	}
	params := commonParameters(ev)
	params["effect"] = Parameter{
		Type:          "String",
		AllowedValues: anys(Effects),
		DefaultValue:  "Audit",
		Metadata:      ParameterMetadata{DisplayName: "Effect", Description: effectDescription(a)},
	}
	params["severity"] = Parameter{
		Type:          "String",
		AllowedValues: sevs,
		DefaultValue:  sevs[0],
		Metadata: ParameterMetadata{DisplayName: "Severity", Description: "The findings this assignment reports: deny or warn. " +
			"Assign the definition once per severity (the initiative does): Deny only with severity deny."},
	}
	values := map[string]string{"severity": "[parameters('severity')]"}
	for _, p := range constraintParameters {
		values[p.constraint] = "[parameters('" + p.policy + "')]"
	}
	return Definition{
		Name: DefinitionName(a.Name),
		Properties: Properties{
			DisplayName: fmt.Sprintf("AKS Arc support policy: %s rules", a.Name),
			Description: fmt.Sprintf("Reports Kubernetes objects and ClusterSnapshots of Arc-enabled clusters that break the AKS Arc support policy, "+
				"rules %s, with the ConstraintTemplate %s of aksarc-opa. Generated; see docs/azure-policy.md.", ruleList(a), strings.ToLower(a.Kind)),
			PolicyType: "Custom",
			Mode:       Mode,
			Version:    Version,
			Metadata: map[string]any{
				"category":       "Kubernetes",
				"version":        Version,
				"aksarcRules":    strings.Join(a.RuleIDs(""), ","),
				"templateName":   strings.ToLower(a.Kind),
				"templateSha256": hex.EncodeToString(sum[:]),
			},
			Parameters: params,
			PolicyRule: PolicyRule{
				If: map[string]any{"field": "type", "equals": ClusterType},
				Then: Then{
					Effect: "[parameters('effect')]",
					Details: Details{
						TemplateInfo:       TemplateInfo{SourceType: "Base64Encoded", Content: base64.StdEncoding.EncodeToString(tmpl)},
						APIGroups:          groups,
						Kinds:              kinds,
						ExcludedNamespaces: "[parameters('excludedNamespaces')]",
						Namespaces:         "[parameters('namespaces')]",
						LabelSelector:      "[parameters('labelSelector')]",
						Values:             values,
					},
				},
			},
		},
	}
}

func effectDescription(a *gatekeeper.Area) string {
	d := "Audit reports (the Constraint's enforcementAction is dryrun), Deny also refuses at admission, Disabled turns it off."
	if a.WarnFirst() {
		d += " This area judges changes to the platform's own components: keep Audit; Deny is an opt-in only after an audit period and an AKS Arc upgrade seen to pass (docs/azure-policy.md)."
	}
	return d
}

// constraintParameter maps a Constraint parameter of the templates to the policy parameter
// that sets it (the same in the definitions and the initiative).
type constraintParameter struct{ constraint, policy string }

var constraintParameters = []constraintParameter{
	{"asOf", "asOf"},
	{"platform", "platform"},
	{"parameters", "thresholds"},
	{"catalog", "catalog"},
	{"exemptUsernames", "exemptUsernames"},
	{"exemptUsernamePrefixes", "exemptUsernamePrefixes"},
}

// ConstraintValues maps each Constraint parameter of details.values to its policy parameter.
func ConstraintValues() map[string]string {
	out := map[string]string{"severity": "severity"}
	for _, p := range constraintParameters {
		out[p.constraint] = p.policy
	}
	return out
}

// commonParameters are the parameters the definitions and the initiative share: where the
// Constraint matches and every Constraint parameter but severity.
func commonParameters(ev *evaluator.Evaluator) map[string]Parameter {
	thresholds := map[string]any{}
	for name := range ev.DefaultParameters() {
		thresholds[name] = map[string]any{"type": "integer", "minimum": 0}
	}
	stringArray := func(display, desc string, def []string) Parameter {
		return Parameter{Type: "Array", DefaultValue: anyStrings(def), Metadata: ParameterMetadata{DisplayName: display, Description: desc}}
	}
	platforms := append([]any{""}, anys(evaluator.Platforms)...)
	return map[string]Parameter{
		"excludedNamespaces": stringArray("Namespace exclusions",
			"Namespaces the Constraint skips. The Azure Policy extension always skips kube-system, gatekeeper-system and azure-arc, whatever this says.",
			SystemNamespaces),
		"namespaces": stringArray("Namespace inclusions", "Only these namespaces (empty: every namespace not excluded).", nil),
		"labelSelector": {
			Type: "Object", DefaultValue: map[string]any{}, Schema: labelSelectorSchema(),
			Metadata: ParameterMetadata{DisplayName: "Kubernetes label selector",
				Description: "Only objects whose labels match (matchLabels, matchExpressions); empty: every object."},
		},
		"asOf": {Type: "String", DefaultValue: "",
			Metadata: ParameterMetadata{DisplayName: "Evaluation date",
				Description: "The day the rules judge as today (YYYY-MM-DD or RFC 3339); empty: the day of the evaluation."}},
		"platform": {Type: "String", DefaultValue: "", AllowedValues: platforms,
			Metadata: ParameterMetadata{DisplayName: "Platform",
				Description: "The platform (WindowsServer, AzureLocal) of ClusterSnapshots that do not state one; empty: not set."}},
		"thresholds": {Type: "Object", DefaultValue: ev.DefaultParameters(),
			Schema: map[string]any{"type": "object", "properties": thresholds, "additionalProperties": false},
			Metadata: ParameterMetadata{DisplayName: "Thresholds",
				Description: "Thresholds in days (docs/rules.md, Parameters); the Constraint's parameters."}},
		"catalog": {Type: "Object", DefaultValue: map[string]any{},
			Metadata: ParameterMetadata{DisplayName: "Catalog overrides",
				Description: "Merged over the embedded catalog as aksarc_settings.catalog is (docs/rules.md)."}},
		"exemptUsernames": stringArray("Exempt users",
			"More users whose requests are never denied (the platform's own identities always are).", nil),
		"exemptUsernamePrefixes": stringArray("Exempt user prefixes",
			"More user name prefixes whose requests are never denied.", nil),
	}
}

// labelSelectorSchema is the JSON schema of a Kubernetes LabelSelector.
func labelSelectorSchema() map[string]any {
	return map[string]any{
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"matchLabels": map[string]any{
				"type":                 "object",
				"additionalProperties": map[string]any{"type": "string"},
			},
			"matchExpressions": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type":                 "object",
					"additionalProperties": false,
					"required":             []string{"key", "operator"},
					"properties": map[string]any{
						"key":      map[string]any{"type": "string"},
						"operator": map[string]any{"type": "string", "enum": []string{"In", "NotIn", "Exists", "DoesNotExist"}},
						"values":   map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
					},
				},
			},
		},
	}
}

// Initiative parameters that choose the effect of each reference.
const (
	denyEffect    = "denyEffect"
	warnEffect    = "warnEffect"
	managedEffect = "managedDenyEffect"
)

func initiative(ev *evaluator.Evaluator, areas []*gatekeeper.Area, scope string) Initiative {
	params := commonParameters(ev)
	params[denyEffect] = Parameter{Type: "String", AllowedValues: anys(Effects), DefaultValue: "Audit",
		Metadata: ParameterMetadata{DisplayName: "Effect of deny findings",
			Description: "Audit reports, Deny refuses at admission, Disabled turns the deny references off (every area but managed)."}}
	params[managedEffect] = Parameter{Type: "String", AllowedValues: anys(Effects), DefaultValue: "Audit",
		Metadata: ParameterMetadata{DisplayName: "Effect of the managed area's deny findings",
			Description: "AKSARC-010, 011, 012 judge changes to the platform's own components: keep Audit; Deny is an opt-in only after an audit period and an AKS Arc upgrade seen to pass."}}
	params[warnEffect] = Parameter{Type: "String", AllowedValues: []any{"Audit", "Disabled"}, DefaultValue: "Audit",
		Metadata: ParameterMetadata{DisplayName: "Effect of warn findings",
			Description: "Warnings are reported, never denied: Audit or Disabled."}}
	var refs []Reference
	var groups []Group
	for _, a := range areas {
		groups = append(groups, Group{
			Name: a.Name, Category: "AKS Arc support policy", DisplayName: "AKS Arc: " + a.Name,
			Description: "Rules " + ruleList(a) + " (docs/rules.md).",
		})
		for _, sev := range a.Severities() {
			effect := warnEffect
			if sev == evaluator.SeverityDeny {
				effect = denyEffect
				if a.WarnFirst() {
					effect = managedEffect
				}
			}
			values := map[string]ParameterValue{
				"effect":   {Value: "[parameters('" + effect + "')]"},
				"severity": {Value: string(sev)},
			}
			for name := range commonParameters(ev) {
				values[name] = ParameterValue{Value: "[parameters('" + name + "')]"}
			}
			refs = append(refs, Reference{
				PolicyDefinitionID:          scope + "/providers/Microsoft.Authorization/policyDefinitions/" + DefinitionName(a.Name),
				PolicyDefinitionReferenceID: a.Name + "-" + string(sev),
				GroupNames:                  []string{a.Name},
				Parameters:                  values,
			})
		}
	}
	return Initiative{
		Name: InitiativeName,
		Properties: InitiativeProperties{
			DisplayName: "AKS Arc support policy (aksarc-opa)",
			Description: "The AKS Arc support policy for Arc-enabled Kubernetes clusters: every rule area of aksarc-opa, once per severity " +
				"(deny findings and warn findings). Generated; see docs/azure-policy.md.",
			PolicyType:             "Custom",
			Version:                Version,
			Metadata:               map[string]any{"category": "Kubernetes", "version": Version},
			Parameters:             params,
			PolicyDefinitions:      refs,
			PolicyDefinitionGroups: groups,
		},
	}
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func anyStrings(s []string) []any {
	if s == nil {
		return []any{}
	}
	return anys(s)
}

// Check fails when a definition or the initiative breaks a limit of Azure Policy or a documented
// rule of the Kubernetes details (docs/azure-policy.md): parameters, sizes, lengths, explicit
// apiGroups and kinds, values that name parameters and Constraint properties that exist.
func (o *Output) Check() error {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for _, d := range o.Definitions {
		if err := CheckDefinition(d); err != nil {
			add("%v", err)
		}
	}
	p := o.Initiative.Properties
	if n := len(p.Parameters); n > 300 {
		add("initiative: %d parameters, more than 300 (400 in newer text)", n)
	}
	if n := len(p.PolicyDefinitions); n == 0 || n > MaxInitiativeRefs {
		add("initiative: %d policy definitions (1 to %d)", n, MaxInitiativeRefs)
	}
	seen := map[string]bool{}
	for _, r := range p.PolicyDefinitions {
		if seen[r.PolicyDefinitionReferenceID] {
			add("initiative: reference %s twice", r.PolicyDefinitionReferenceID)
		}
		seen[r.PolicyDefinitionReferenceID] = true
		for _, v := range r.Parameters {
			if name, ok := parameterRef(v.Value); ok {
				if _, ok := p.Parameters[name]; !ok {
					add("initiative: %s passes the undefined parameter %s", r.PolicyDefinitionReferenceID, name)
				}
			}
		}
	}
	if err := checkTexts("initiative", p.DisplayName, p.Description, p.Metadata); err != nil {
		add("%v", err)
	}
	if b, err := json.Marshal(o.Initiative); err != nil || len(b) > MaxRequestBytes {
		add("initiative: %d bytes, more than %d (%v)", len(b), MaxRequestBytes, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("azure policy: %s", strings.Join(errs, "; "))
	}
	return nil
}

// CheckDefinition checks one definition against the documented fields and limits.
func CheckDefinition(d Definition) error {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	p := d.Properties
	if p.Mode != Mode {
		add("mode %q", p.Mode)
	}
	if n := len(p.Parameters); n > MaxDefinitionParams {
		add("%d parameters, more than %d", n, MaxDefinitionParams)
	}
	for name, param := range p.Parameters {
		if !slices.Contains([]string{"String", "Array", "Object", "Boolean", "Integer", "Float", "DateTime"}, param.Type) {
			add("parameter %s: type %q", name, param.Type)
		}
		if param.Schema != nil && param.Type != "Object" {
			add("parameter %s: a schema on a %s", name, param.Type)
		}
		if param.AllowedValues != nil && !slices.ContainsFunc(param.AllowedValues, func(v any) bool { return v == param.DefaultValue }) {
			add("parameter %s: the default %v is not allowed", name, param.DefaultValue)
		}
	}
	if err := checkTexts(d.Name, p.DisplayName, p.Description, p.Metadata); err != nil {
		add("%v", err)
	}
	then := p.PolicyRule.Then
	if name, ok := parameterRef(then.Effect); !ok || !slices.Equal(anysToStrings(p.Parameters[name].AllowedValues), Effects) {
		add("effect %q: not a parameter allowing %v", then.Effect, Effects)
	}
	det := then.Details
	if det.TemplateInfo.SourceType != "Base64Encoded" || det.TemplateInfo.Content == "" {
		add("templateInfo: not Base64Encoded content")
	}
	tmpl, err := base64.StdEncoding.DecodeString(det.TemplateInfo.Content)
	if err != nil {
		add("templateInfo: %v", err)
	}
	if len(det.APIGroups) == 0 || len(det.Kinds) == 0 {
		add("apiGroups and kinds are required with templateInfo")
	}
	for _, x := range append(slices.Clone(det.APIGroups), det.Kinds...) {
		if strings.Contains(x, "*") {
			add("apiGroups and kinds may not hold %q", x)
		}
	}
	for field, v := range map[string]string{"excludedNamespaces": det.ExcludedNamespaces, "namespaces": det.Namespaces, "labelSelector": det.LabelSelector} {
		if name, ok := parameterRef(v); !ok || p.Parameters[name].Type != map[bool]string{true: "Object", false: "Array"}[field == "labelSelector"] {
			add("%s: %q is not a parameter of the right type", field, v)
		}
	}
	props, err := templateProperties(tmpl)
	if err != nil {
		add("templateInfo: %v", err)
	}
	for key, v := range det.Values {
		if _, ok := props[key]; !ok {
			add("values: %s is not a property of the template's openAPIV3Schema", key)
		}
		if name, ok := parameterRef(v); !ok || p.Parameters[name].Type == "" {
			add("values: %s is %q, not a parameter of the definition", key, v)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(props)) {
		if _, ok := det.Values[key]; !ok {
			add("values: the Constraint parameter %s is not exposed", key)
		}
	}
	if b, err := json.Marshal(d); err != nil || len(b) > MaxRequestBytes {
		add("%d bytes, more than the %d of a request body (%v)", len(b), MaxRequestBytes, err)
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return fmt.Errorf("%s: %s", d.Name, strings.Join(errs, "; "))
	}
	return nil
}

func checkTexts(what, display, desc string, metadata map[string]any) error {
	var errs []string
	if n := len([]rune(display)); n == 0 || n > MaxDisplayName {
		errs = append(errs, fmt.Sprintf("displayName of %d characters (1 to %d)", n, MaxDisplayName))
	}
	if n := len([]rune(desc)); n > MaxDescription {
		errs = append(errs, fmt.Sprintf("description of %d characters (at most %d)", n, MaxDescription))
	}
	for k, v := range metadata {
		b, _ := json.Marshal(v)
		if s, ok := v.(string); ok {
			b = []byte(s)
		}
		if len([]rune(string(b))) > MaxMetadataValueLength {
			errs = append(errs, fmt.Sprintf("metadata %s longer than %d characters", k, MaxMetadataValueLength))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %s", what, strings.Join(errs, "; "))
	}
	return nil
}

// parameterRef is the parameter name of an expression "[parameters('name')]".
func parameterRef(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "[parameters('") || !strings.HasSuffix(s, "')]") {
		return "", false
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, "[parameters('"), "')]"), true
}

// ParameterRef is parameterRef for the tests that resolve values as the extension does.
func ParameterRef(v any) (string, bool) { return parameterRef(v) }

func anysToStrings(v []any) []string {
	out := make([]string, 0, len(v))
	for _, x := range v {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// templateProperties are the Constraint parameters a ConstraintTemplate declares.
func templateProperties(tmpl []byte) (map[string]any, error) {
	var t struct {
		Spec struct {
			CRD struct {
				Spec struct {
					Validation struct {
						OpenAPIV3Schema struct {
							Properties map[string]any `json:"properties"`
						} `json:"openAPIV3Schema"`
					} `json:"validation"`
				} `json:"spec"`
			} `json:"crd"`
		} `json:"spec"`
	}
	if err := yamlToStruct(tmpl, &t); err != nil {
		return nil, err
	}
	if len(t.Spec.CRD.Spec.Validation.OpenAPIV3Schema.Properties) == 0 {
		return nil, fmt.Errorf("the template declares no parameters")
	}
	return t.Spec.CRD.Spec.Validation.OpenAPIV3Schema.Properties, nil
}

// Marshal writes a value as the checked-in JSON: two-space indent, no HTML escaping. (JSON has
// no comments: the folder's README.md and .aksarc-opa-generated say the files are generated.)
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
