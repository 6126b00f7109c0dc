/* Guarded GLPK calls: see include/CGLPKShims.h for the contract. */
#include "CGLPKShims.h"
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

static _Thread_local jmp_buf *pdm_jump;
static _Thread_local char pdm_log[1024];
static _Thread_local size_t pdm_log_len;
static _Thread_local unsigned long pdm_gen;
static _Thread_local int pdm_verbose;

unsigned long pdm_generation(void) { return pdm_gen; }
void pdm_set_verbose(int verbose) { pdm_verbose = verbose; }

/* Keeps the last sizeof(pdm_log)-1 bytes GLPK printed on this thread. */
static int pdm_term(void *info, const char *s) {
    (void)info;
    size_t n = strlen(s), cap = sizeof(pdm_log) - 1;
    if (n >= cap) { s += n - cap; n = cap; }
    if (pdm_log_len + n > cap) {
        size_t drop = pdm_log_len + n - cap;
        memmove(pdm_log, pdm_log + drop, pdm_log_len - drop);
        pdm_log_len -= drop;
    }
    memcpy(pdm_log + pdm_log_len, s, n);
    pdm_log_len += n;
    pdm_log[pdm_log_len] = 0;
    if (pdm_verbose) fputs(s, stderr);
    return 1; /* GLPK prints nothing itself */
}

static void pdm_fatal(void *info) {
    (void)info;
    if (pdm_jump) longjmp(*pdm_jump, 1);
    /* No guard active: returning lets GLPK abort, as it would without the hook. */
}

static void pdm_install(void) {
    glp_term_hook(pdm_term, NULL);
    glp_error_hook(pdm_fatal, NULL);
    pdm_log_len = 0;
    pdm_log[0] = 0;
}

static void pdm_recover(pdm_error *err) {
    if (err) {
        strncpy(err->message, pdm_log, sizeof(err->message) - 1);
        err->message[sizeof(err->message) - 1] = 0;
    }
    pdm_jump = NULL;
    glp_free_env();
    pdm_gen += 1;
}

/* The body runs between setjmp and longjmp; it must only call C. */
#define GUARD(err, ...)                                         \
    do {                                                        \
        jmp_buf here;                                           \
        pdm_install();                                          \
        if (setjmp(here)) { pdm_recover(err); return -1; }      \
        pdm_jump = &here;                                       \
        __VA_ARGS__;                                                \
        pdm_jump = NULL;                                        \
        return 0;                                               \
    } while (0)

int pdm_create_prob(glp_prob **out, pdm_error *err) {
    GUARD(err, { *out = glp_create_prob(); });
}

int pdm_delete_prob(glp_prob *P, pdm_error *err) {
    GUARD(err, { glp_delete_prob(P); });
}

int pdm_load_model(glp_prob *P, int dir,
                   int nrows, const int *rtype, const double *rlb, const double *rub,
                   int ncols, const int *ctype, const double *clb, const double *cub,
                   const double *obj, const int *ckind,
                   int ne, const int *ia, const int *ja, const double *ar,
                   pdm_error *err) {
    GUARD(err, {
        glp_erase_prob(P);
        glp_set_obj_dir(P, dir);
        if (nrows > 0) glp_add_rows(P, nrows);
        if (ncols > 0) glp_add_cols(P, ncols);
        for (int i = 0; i < nrows; i++)
            glp_set_row_bnds(P, i + 1, rtype[i], rlb[i], rub[i]);
        for (int j = 0; j < ncols; j++) {
            /* Kind first: GLP_BV also resets the bounds to [0, 1], which would undo a fixed column. */
            if (ckind) glp_set_col_kind(P, j + 1, ckind[j]);
            glp_set_col_bnds(P, j + 1, ctype[j], clb[j], cub[j]);
            glp_set_obj_coef(P, j + 1, obj[j]);
        }
        glp_load_matrix(P, ne, ia, ja, ar);
    });
}

int pdm_set_obj_coef(glp_prob *P, int j, double coef, pdm_error *err) {
    GUARD(err, { glp_set_obj_coef(P, j, coef); });
}

int pdm_set_basis(glp_prob *P, const int *rstat, const int *cstat, pdm_error *err) {
    GUARD(err, {
        int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
        for (int i = 1; i <= m; i++) glp_set_row_stat(P, i, rstat[i]);
        for (int j = 1; j <= n; j++) glp_set_col_stat(P, j, cstat[j]);
    });
}

int pdm_simplex(glp_prob *P, int msg_lev, int tm_lim, int presolve, int meth,
                int *ret, pdm_error *err) {
    GUARD(err, {
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = msg_lev;
        if (tm_lim > 0) parm.tm_lim = tm_lim;
        parm.presolve = presolve;
        parm.meth = meth;
        *ret = glp_simplex(P, &parm);
    });
}

typedef struct pdm_cb_state {
    const pdm_mip_params *params;
    double last_report;
    int gave_start;
} pdm_cb_state;

static void pdm_report(glp_tree *T, pdm_cb_state *st) {
    const pdm_mip_params *p = st->params;
    glp_prob *P = glp_ios_get_prob(T);
    int a_cnt = 0, n_cnt = 0, t_cnt = 0;
    glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
    int best = glp_ios_best_node(T);
    double bound = best ? glp_ios_node_bound(T, best) : glp_mip_obj_val(P);
    int has = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
    double gap = has ? glp_ios_mip_gap(T) : 1.0 / 0.0;
    p->progress(p->progress_ctx, glp_mip_obj_val(P), has, bound, gap, a_cnt, t_cnt);
}

/* Whether the start fits the problem the search runs on: with the MIP presolver on, that is
 * the presolved problem, and the start (indexed by the original columns) is offered only when
 * the column count is unchanged and every row holds at the start's values. */
static int pdm_start_fits(glp_tree *T, const double *x, int ncols) {
    glp_prob *Q = glp_ios_get_prob(T);
    int n = glp_get_num_cols(Q), m = glp_get_num_rows(Q);
    if (n != ncols) return 0;
    int *ind = (int *)glp_alloc(1 + n, sizeof(int));
    double *val = (double *)glp_alloc(1 + n, sizeof(double));
    int fits = 1;
    for (int i = 1; i <= m && fits; i++) {
        int len = glp_get_mat_row(Q, i, ind, val);
        double a = 0;
        for (int k = 1; k <= len; k++) a += val[k] * x[ind[k]];
        int type = glp_get_row_type(Q, i);
        double lb = glp_get_row_lb(Q, i), ub = glp_get_row_ub(Q, i), tol = 1e-6 * (1 + fabs(a));
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && a < lb - tol) fits = 0;
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && a > ub + tol) fits = 0;
    }
    for (int j = 1; j <= n && fits; j++) {
        int type = glp_get_col_type(Q, j);
        double lb = glp_get_col_lb(Q, j), ub = glp_get_col_ub(Q, j);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && x[j] < lb - 1e-9) fits = 0;
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x[j] > ub + 1e-9) fits = 0;
    }
    glp_free(ind);
    glp_free(val);
    return fits;
}

static void pdm_callback(glp_tree *T, void *info) {
    pdm_cb_state *st = (pdm_cb_state *)info;
    const pdm_mip_params *p = st->params;
    int reason = glp_ios_reason(T);
    if (p->stop && *p->stop) { glp_ios_terminate(T); return; }
    if (reason == GLP_ISELECT && p->bound_out) {
        int best = glp_ios_best_node(T);
        if (best) { *p->bound_out = glp_ios_node_bound(T, best); if (p->has_bound_out) *p->has_bound_out = 1; }
    }
    if (reason == GLP_IHEUR && p->start && !st->gave_start) {
        st->gave_start = 1;
        if (pdm_start_fits(T, p->start, p->start_ncols)) glp_ios_heur_sol(T, p->start);
    }
    if (reason == GLP_IHEUR && p->fetch && p->start_ncols > 0) {
        double *x = (double *)glp_alloc(1 + p->start_ncols, sizeof(double));
        if (p->fetch(p->fetch_ctx, x) && pdm_start_fits(T, x, p->start_ncols)) glp_ios_heur_sol(T, x);
        glp_free(x);
    }
    if (p->progress && (reason == GLP_IBINGO || reason == GLP_ISELECT)) {
        double now = glp_time();
        if (reason == GLP_IBINGO || now - st->last_report >= p->progress_ms) {
            st->last_report = now;
            pdm_report(T, st);
        }
    }
}

int pdm_intopt(glp_prob *P, const pdm_mip_params *params, int *ret, pdm_error *err) {
    pdm_cb_state state;
    state.params = params;
    state.last_report = 0;
    state.gave_start = 0;
    GUARD(err, {
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.msg_lev = params->msg_lev;
        if (params->tm_lim > 0) parm.tm_lim = params->tm_lim;
        parm.mip_gap = params->mip_gap;
        parm.presolve = params->presolve;
        parm.gmi_cuts = params->gmi_cuts;
        parm.mir_cuts = params->mir_cuts;
        parm.cov_cuts = params->cov_cuts;
        parm.clq_cuts = params->clq_cuts;
        parm.fp_heur = params->fp_heur;
        parm.ps_heur = params->ps_heur;
        if (params->ps_tm_lim > 0) parm.ps_tm_lim = params->ps_tm_lim;
        if (params->br_tech) parm.br_tech = params->br_tech;
        if (params->bt_tech) parm.bt_tech = params->bt_tech;
        parm.cb_func = pdm_callback;
        parm.cb_info = &state;
        *ret = glp_intopt(P, &parm);
    });
}

int pdm_read_solution(glp_prob *P, int mip, int *status, double *obj, double *colval,
                      double *rowdual, int *rstat, int *cstat, pdm_error *err) {
    GUARD(err, {
        int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
        if (mip) {
            *status = glp_mip_status(P);
            *obj = glp_mip_obj_val(P);
            for (int j = 1; j <= n; j++) colval[j - 1] = glp_mip_col_val(P, j);
        } else {
            *status = glp_get_status(P);
            *obj = glp_get_obj_val(P);
            for (int j = 1; j <= n; j++) colval[j - 1] = glp_get_col_prim(P, j);
            if (rowdual) for (int i = 1; i <= m; i++) rowdual[i - 1] = glp_get_row_dual(P, i);
            if (rstat) for (int i = 1; i <= m; i++) rstat[i - 1] = glp_get_row_stat(P, i);
            if (cstat) for (int j = 1; j <= n; j++) cstat[j - 1] = glp_get_col_stat(P, j);
        }
    });
}

int pdm_write(glp_prob *P, int format, const char *fname, int *ret, pdm_error *err) {
    GUARD(err, {
        *ret = format == 0 ? glp_write_lp(P, NULL, fname)
                           : glp_write_mps(P, GLP_MPS_FILE, NULL, fname);
    });
}

int pdm_read(glp_prob *P, int format, const char *fname, int *ret, pdm_error *err) {
    GUARD(err, {
        *ret = format == 0 ? glp_read_lp(P, NULL, fname)
                           : glp_read_mps(P, GLP_MPS_FILE, NULL, fname);
    });
}

int pdm_dims(glp_prob *P, int *nrows, int *ncols, int *dir, pdm_error *err) {
    GUARD(err, {
        *nrows = glp_get_num_rows(P);
        *ncols = glp_get_num_cols(P);
        *dir = glp_get_obj_dir(P);
    });
}

int pdm_iterations(glp_prob *P, int *count, pdm_error *err) {
    GUARD(err, { *count = glp_get_it_cnt(P); });
}
