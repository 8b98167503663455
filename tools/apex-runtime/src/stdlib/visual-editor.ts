/**
 * The VisualEditor namespace (Lightning App Builder picklist data sources), written in Apex because package code
 * extends it: DynamicPickList (abstract; getDefaultValue, getLabel, getValues, isValid — a value is valid when a
 * row of getValues() holds it), DataRow (label, value, selected; compareTo) and DynamicPickListRows
 * (Apex Reference › VisualEditor Namespace: DynamicPickList, DataRow and DynamicPickListRows Classes).
 */
export const VISUAL_EDITOR_SOURCE = `
global class VisualEditor {
    global abstract class DynamicPickList {
        global virtual VisualEditor.DataRow getDefaultValue() {
            return null;
        }
        global abstract VisualEditor.DynamicPickListRows getValues();
        global virtual String getLabel(Object attributeValue) {
            for (VisualEditor.DataRow row : getValues().getDataRows()) {
                if (row.getValue() == attributeValue) {
                    return row.getLabel();
                }
            }
            return null;
        }
        global virtual Boolean isValid(Object attributeValue) {
            for (VisualEditor.DataRow row : getValues().getDataRows()) {
                if (row.getValue() == attributeValue) {
                    return true;
                }
            }
            return false;
        }
    }

    global class DataRow implements Comparable {
        private String label;
        private Object value;
        private Boolean selected;
        global DataRow(String label, Object value) {
            this(label, value, false);
        }
        global DataRow(String label, Object value, Boolean selected) {
            this.label = label;
            this.value = value;
            this.selected = selected;
        }
        global String getLabel() {
            return label;
        }
        global Object getValue() {
            return value;
        }
        global Boolean isSelected() {
            return selected;
        }
        global Integer compareTo(Object other) {
            String mine = label == null ? '' : label;
            String theirs = ((VisualEditor.DataRow) other).getLabel();
            return mine.compareTo(theirs == null ? '' : theirs);
        }
    }

    global class DynamicPickListRows {
        private List<VisualEditor.DataRow> rows;
        private Boolean allRows;
        global DynamicPickListRows() {
            this(new List<VisualEditor.DataRow>(), true);
        }
        global DynamicPickListRows(List<VisualEditor.DataRow> rows) {
            this(rows, true);
        }
        global DynamicPickListRows(List<VisualEditor.DataRow> rows, Boolean containsAllRows) {
            this.rows = rows;
            this.allRows = containsAllRows;
        }
        global void addRow(VisualEditor.DataRow row) {
            rows.add(row);
        }
        global void addAllRows(List<VisualEditor.DataRow> rows) {
            this.rows.addAll(rows);
        }
        global List<VisualEditor.DataRow> getDataRows() {
            return rows;
        }
        global VisualEditor.DataRow get(Integer i) {
            return rows.get(i);
        }
        global Integer size() {
            return rows.size();
        }
        global Boolean containsAllRows() {
            return allRows;
        }
        global void setContainsAllRows(Boolean containsAllRows) {
            this.allRows = containsAllRows;
        }
        global void sort() {
            rows.sort();
        }
    }

    global class DesignTimePageContext {
        global String entityName;
        global String pageType;
    }
}
`;
